package dev.tvixstore.web.admin.status;

import dev.tvixstore.ejb.stats.StoreStats;
import dev.tvixstore.ejb.stats.StoreStatsService;
import dev.tvixstore.web.cache.CacheSigningKeys;
import dev.tvixstore.web.config.StoreVersion;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what the status page shows. Gets its statistics from a supplier, so a test can pass a
 * fake; in the server that is {@link StoreStatsService} looked up through CDI (vaadin-cdi is not
 * available here, STYLE §6).
 */
public final class StatusPresenter {

  private static final Logger LOG = Logger.getLogger(StatusPresenter.class.getName());

  private final Supplier<StoreStats> stats;
  private final Supplier<List<String>> publicKeys;
  private final String version;

  /**
   * @param stats the store's statistics, read on each {@link #rows()}
   * @param publicKeys the binary cache's public signing keys, as clients trust them
   * @param version the store's version
   */
  public StatusPresenter(
      Supplier<StoreStats> stats, Supplier<List<String>> publicKeys, String version) {
    this.stats = Objects.requireNonNull(stats, "stats");
    this.publicKeys = Objects.requireNonNull(publicKeys, "publicKeys");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** The presenter wired to the deployed services. */
  public static StatusPresenter fromContainer() {
    StoreStatsService service = CDI.current().select(StoreStatsService.class).get();
    CacheSigningKeys keys = CDI.current().select(CacheSigningKeys.class).get();
    return new StatusPresenter(service::stats, keys::publicKeys, StoreVersion.get());
  }

  /** The rows to show now; a failing database read shows as one error row, not a broken page. */
  public List<StatusRow> rows() {
    StoreStats s;
    try {
      s = stats.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read store statistics", e);
      return List.of(
          new StatusRow("version", "Version", version),
          keysRow(),
          new StatusRow("error", "Error", "cannot read store statistics: " + e.getMessage()));
    }
    return List.of(
        new StatusRow("version", "Version", version),
        new StatusRow("data-dir", "Data directory", s.dataDir()),
        new StatusRow("database", "Database", s.databaseProduct() + " " + s.databaseVersion()),
        new StatusRow("count-paths", "Store paths", Long.toString(s.paths())),
        new StatusRow("count-directories", "Directories", Long.toString(s.directories())),
        new StatusRow("count-blobs", "Blobs", Long.toString(s.blobs())),
        new StatusRow("count-chunks", "Chunks", Long.toString(s.chunks())),
        keysRow());
  }

  /** What a Nix client puts into {@code trusted-public-keys} to accept this cache's narinfos. */
  private StatusRow keysRow() {
    return new StatusRow(
        "public-keys", "Binary cache public keys", String.join(" ", publicKeys.get()));
  }
}
