package dev.tvixstore.ejb.stats;

import dev.tvixstore.ejb.config.StoreConfig;
import dev.tvixstore.error.StorageException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/** Counts rows of the metadata tables and names the database, through JPA (Hibernate). */
@Stateless
public class StoreStatsService {

  @PersistenceContext(unitName = "store")
  private EntityManager em;

  @Inject private StoreConfig config;

  /** Current counts; each is one {@code count(*)}, fine while the console asks now and then. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public StoreStats stats() {
    try {
      String[] database =
          em.callWithConnection(
              (Connection c) -> {
                DatabaseMetaData meta = c.getMetaData();
                return new String[] {
                  meta.getDatabaseProductName(), meta.getDatabaseProductVersion()
                };
              });
      return new StoreStats(
          count("path_info"),
          count("directory"),
          count("blob"),
          count("chunk"),
          database[0],
          database[1],
          config.dataDir().toString());
    } catch (PersistenceException e) {
      throw new StorageException("cannot read store statistics: " + e.getMessage(), e);
    }
  }

  private long count(String table) {
    // Table names come from the fixed list above, never from a caller.
    Object n = em.createNativeQuery("SELECT COUNT(*) FROM " + table).getSingleResult();
    return ((Number) n).longValue();
  }
}
