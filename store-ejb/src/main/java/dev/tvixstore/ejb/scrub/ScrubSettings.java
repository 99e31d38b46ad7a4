package dev.tvixstore.ejb.scrub;

import java.util.Optional;
import java.util.function.Function;

/**
 * How a scrub runs.
 *
 * @param rateBytesPerSecond the most chunk data (uncompressed bytes) verified per second; 0 means
 *     as fast as the machine goes
 */
public record ScrubSettings(long rateBytesPerSecond) {
  /** Rate in MiB/s; {@code 0} (the default) is unlimited. Decimals allowed ({@code 0.5}). */
  public static final String RATE = "tvix.store.scrub.rate";

  private static final double MIB = 1024 * 1024;

  /** Checks the rate. */
  public ScrubSettings {
    if (rateBytesPerSecond < 0) {
      throw new IllegalArgumentException("scrub rate must not be negative: " + rateBytesPerSecond);
    }
  }

  /**
   * Reads the settings through {@code lookup}; absent or blank values take the defaults.
   *
   * @throws IllegalArgumentException naming the key and value when a value is malformed
   */
  public static ScrubSettings load(Function<String, Optional<String>> lookup) {
    return new ScrubSettings(
        lookup.apply(RATE).map(String::strip).filter(s -> !s.isEmpty())
            .map(ScrubSettings::parseRate)
            .orElse(0L));
  }

  /**
   * Bytes per second of a rate given in MiB/s.
   *
   * @throws IllegalArgumentException unless it is a finite number {@code >= 0}
   */
  public static long parseRate(String mibPerSecond) {
    double rate;
    try {
      rate = Double.parseDouble(mibPerSecond.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(RATE + "=" + mibPerSecond + " is not a number of MiB/s");
    }
    if (!Double.isFinite(rate) || rate < 0 || rate * MIB >= Long.MAX_VALUE) {
      throw new IllegalArgumentException(RATE + "=" + mibPerSecond + " must be a number >= 0");
    }
    long bytes = (long) Math.ceil(rate * MIB);
    return bytes;
  }
}
