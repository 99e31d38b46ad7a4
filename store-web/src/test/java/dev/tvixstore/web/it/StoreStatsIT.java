package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.ejb.config.StoreConfig;
import dev.tvixstore.ejb.stats.StoreStats;
import dev.tvixstore.ejb.stats.StoreStatsService;
import dev.tvixstore.error.InvalidRequestException;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs inside the deployed WAR: the EJB services on the real data source, JPA and Flyway. */
@ExtendWith(ArquillianExtension.class)
class StoreStatsIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.storeWar().addClasses(StoreStatsIT.class, ThrowingBean.class);
  }

  @Inject StoreStatsService stats;

  @Inject StoreConfig config;

  @Inject ThrowingBean throwing;

  @Resource(lookup = "java:app/jdbc/store")
  DataSource dataSource;

  @Test
  void statsNameTheEmbeddedDatabaseAndDataDir() {
    StoreStats s = stats.stats();
    assertEquals("H2", s.databaseProduct());
    assertTrue(s.databaseVersion().startsWith("2.2.224"), s.databaseVersion());
    assertEquals(config.dataDir().toString(), s.dataDir());
    assertTrue(s.dataDir().endsWith("it-data"), s.dataDir());
  }

  @Test
  void countsFollowTheMigratedTables() throws SQLException {
    StoreStats before = stats.stats();
    byte[] digest = new byte[32];
    new SecureRandom().nextBytes(digest);
    try (Connection c = dataSource.getConnection();
        PreparedStatement put =
            c.prepareStatement("INSERT INTO chunk (digest, size, stored_size) VALUES (?, 1, 1)")) {
      put.setBytes(1, digest);
      put.executeUpdate();
    }
    StoreStats after = stats.stats();
    assertEquals(before.chunks() + 1, after.chunks());
    assertEquals(before.blobs(), after.blobs());
    assertEquals(before.paths(), after.paths());
    assertEquals(before.directories(), after.directories());
  }

  @Test
  void storeExceptionsLeaveEjbsUnwrapped() {
    // ejb-jar.xml declares StoreException an application exception (STYLE §5).
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> throwing.reject("this"));
    assertEquals("rejected this", e.getMessage());
  }

  @Test
  void configComesFromMicroProfileConfig() {
    assertEquals(Integer.getInteger("tvix.store.grpc.port").intValue(), config.grpcPort());
    assertEquals(40, config.cachePriority());
  }
}
