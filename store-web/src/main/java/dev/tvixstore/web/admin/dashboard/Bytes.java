package dev.tvixstore.web.admin.dashboard;

import java.util.Locale;

/** Byte counts as people read them. */
final class Bytes {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Bytes() {}

  /** {@code 1536} → {@code 1.5 KiB}; below 1 KiB in bytes. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double v = bytes;
    int unit = -1;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
  }

  /** The exact count first (tests and scripts read it), then the readable form. */
  static String exact(long bytes) {
    return bytes + " bytes (" + human(bytes) + ")";
  }
}
