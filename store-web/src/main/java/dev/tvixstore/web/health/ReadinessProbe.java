package dev.tvixstore.web.health;

import dev.tvixstore.ejb.config.StoreConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Measures {@link StoreReadiness}: a connection validity check and the data dir's free space. */
@ApplicationScoped
public class ReadinessProbe {

  /** Setting: the free space under which the store reports itself not ready. */
  public static final String MIN_FREE_BYTES = "tvix.store.health.min-free-bytes";

  /** 1 GiB: room for a few large uploads to finish while operators react. */
  public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;

  private static final int DB_TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:app/jdbc/store")
  private DataSource dataSource;

  @Inject private StoreConfig config;

  private volatile Long minFreeBytes;

  /** Measures now. */
  public StoreReadiness check() {
    return StoreReadiness.of(databaseUp(), freeBytes(), minFreeBytes());
  }

  private boolean databaseUp() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(DB_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  private long freeBytes() {
    try {
      return Files.getFileStore(config.dataDir()).getUsableSpace();
    } catch (IOException e) {
      return 0; // a data dir we cannot even stat is as good as full
    }
  }

  private long minFreeBytes() {
    Long current = minFreeBytes;
    if (current == null) {
      Config mp = ConfigProvider.getConfig();
      current = parse(mp.getOptionalValue(MIN_FREE_BYTES, String.class).orElse(""));
      minFreeBytes = current;
    }
    return current;
  }

  /**
   * The setting's value: bytes, default {@link #DEFAULT_MIN_FREE_BYTES} when blank.
   *
   * @throws IllegalArgumentException naming the key when it is not a whole number of bytes
   */
  static long parse(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return DEFAULT_MIN_FREE_BYTES;
    }
    try {
      long bytes = Long.parseLong(v);
      if (bytes < 0) {
        throw new NumberFormatException("negative");
      }
      return bytes;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          MIN_FREE_BYTES + "=" + v + " is not a whole number of bytes");
    }
  }
}
