package dev.tvixstore.web.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * How the console writes sizes and times: bytes exact and in binary units, instants in UTC to the
 * second. Shared by every page so that they read alike.
 */
public final class Figures {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Figures() {}

  /** {@code 1536} -> {@code "1.5 KiB"}; below 1 KiB: {@code "12 B"}. */
  public static String bytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative: " + bytes);
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** The exact count first (tests and scripts read it), then the size people read. */
  public static String exactBytes(long bytes) {
    return bytes < 1024 ? bytes + " bytes" : bytes + " bytes (" + bytes(bytes) + ")";
  }

  /** {@code 1 chunk}, {@code 2 chunks}: the count with its noun in the right number. */
  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** An instant as the console shows it: {@code 2026-11-25 22:10:56 UTC}. */
  public static String time(Instant at) {
    return TIME.format(at);
  }

  /** {@link #time}, or {@code none} when absent. */
  public static String time(Optional<Instant> at, String none) {
    return at.map(Figures::time).orElse(none);
  }
}
