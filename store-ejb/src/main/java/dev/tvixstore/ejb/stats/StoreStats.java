package dev.tvixstore.ejb.stats;

import java.io.Serializable;
import java.util.Objects;

/**
 * A snapshot of what the store holds and where, for the admin console.
 *
 * @param paths stored PathInfos
 * @param directories stored directories
 * @param blobs stored blobs
 * @param chunks stored chunks
 * @param databaseProduct database product name, e.g. {@code H2} or {@code PostgreSQL}
 * @param databaseVersion that product's version string
 * @param dataDir the data directory in use
 */
public record StoreStats(
    long paths,
    long directories,
    long blobs,
    long chunks,
    String databaseProduct,
    String databaseVersion,
    String dataDir)
    implements Serializable {

  public StoreStats {
    if (paths < 0 || directories < 0 || blobs < 0 || chunks < 0) {
      throw new IllegalArgumentException("row counts cannot be negative");
    }
    Objects.requireNonNull(databaseProduct, "databaseProduct");
    Objects.requireNonNull(databaseVersion, "databaseVersion");
    Objects.requireNonNull(dataDir, "dataDir");
  }
}
