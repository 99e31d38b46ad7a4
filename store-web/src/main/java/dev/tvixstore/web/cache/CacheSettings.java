package dev.tvixstore.web.cache;

import java.util.Optional;
import java.util.function.Function;

/**
 * The binary cache's own settings, read like {@code StoreConfig} (MicroProfile Config in the
 * server, a map in tests), each with a safe default.
 *
 * @param maxNarSize largest NAR an upload may hold, in bytes (decompressed); larger is 413
 * @param maxNarInfoSize largest narinfo body a client may PUT, in bytes; larger is 413
 */
public record CacheSettings(long maxNarSize, int maxNarInfoSize) {

  public static final String MAX_NAR_SIZE = "tvix.store.cache.max-nar-size";
  public static final String MAX_NARINFO_SIZE = "tvix.store.cache.max-narinfo-size";

  /** 32 GiB: more than the largest NARs of nixpkgs' binary cache. */
  public static final long DEFAULT_MAX_NAR_SIZE = 32L << 30;

  /** Nix writes narinfos of well under 4 KiB; 64 KiB leaves room for many signatures. */
  public static final int DEFAULT_MAX_NARINFO_SIZE = 64 << 10;

  /** What store-api's narinfo parser accepts at most (1 MiB). */
  private static final int NARINFO_PARSER_LIMIT = 1 << 20;

  public CacheSettings {
    if (maxNarSize < 1) {
      throw invalid(MAX_NAR_SIZE, maxNarSize, "must be positive");
    }
    if (maxNarInfoSize < 1 || maxNarInfoSize > NARINFO_PARSER_LIMIT) {
      throw invalid(
          MAX_NARINFO_SIZE, maxNarInfoSize, "must be in [1, " + NARINFO_PARSER_LIMIT + "]");
    }
  }

  /**
   * Reads the settings through {@code lookup}; absent or blank values take the defaults.
   *
   * @throws IllegalArgumentException naming the key and value when a value is malformed
   */
  public static CacheSettings load(Function<String, Optional<String>> lookup) {
    Function<String, Optional<String>> get =
        key -> lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    long maxNar =
        get.apply(MAX_NAR_SIZE).map(v -> number(MAX_NAR_SIZE, v)).orElse(DEFAULT_MAX_NAR_SIZE);
    long maxNarInfo =
        get.apply(MAX_NARINFO_SIZE)
            .map(v -> number(MAX_NARINFO_SIZE, v))
            .orElse((long) DEFAULT_MAX_NARINFO_SIZE);
    if (maxNarInfo > Integer.MAX_VALUE) {
      throw invalid(MAX_NARINFO_SIZE, maxNarInfo, "is too large");
    }
    return new CacheSettings(maxNar, (int) maxNarInfo);
  }

  private static long number(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, "is not a whole number of bytes");
    }
  }

  private static IllegalArgumentException invalid(String key, Object value, String rule) {
    return new IllegalArgumentException(key + "=" + value + " " + rule);
  }
}
