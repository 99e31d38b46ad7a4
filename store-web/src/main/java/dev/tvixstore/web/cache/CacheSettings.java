package dev.tvixstore.web.cache;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The binary cache's own settings, read like {@code StoreConfig} (MicroProfile Config in the
 * server, a map in tests), each with a safe default.
 *
 * @param maxNarSize largest NAR an upload may hold, in bytes (decompressed); larger is 413
 * @param maxNarInfoSize largest narinfo body a client may PUT, in bytes; larger is 413
 * @param writeToken the secret every upload must carry ({@code Authorization: Bearer <token>}, or
 *     as the password of HTTP basic auth, which Nix sends from a netrc file); when empty only
 *     clients on the loopback interface may upload
 */
public record CacheSettings(long maxNarSize, int maxNarInfoSize, Optional<String> writeToken) {

  public static final String MAX_NAR_SIZE = "tvix.store.cache.max-nar-size";
  public static final String MAX_NARINFO_SIZE = "tvix.store.cache.max-narinfo-size";
  public static final String WRITE_TOKEN = "tvix.store.cache.write-token";

  /** 32 GiB: more than the largest NARs of nixpkgs' binary cache. */
  public static final long DEFAULT_MAX_NAR_SIZE = 32L << 30;

  /** Nix writes narinfos of well under 4 KiB; 64 KiB leaves room for many signatures. */
  public static final int DEFAULT_MAX_NARINFO_SIZE = 64 << 10;

  /** What store-api's narinfo parser accepts at most (1 MiB). */
  private static final int NARINFO_PARSER_LIMIT = 1 << 20;

  public CacheSettings {
    Objects.requireNonNull(writeToken, WRITE_TOKEN);
    if (maxNarSize < 1) {
      throw invalid(MAX_NAR_SIZE, maxNarSize, "must be positive");
    }
    if (maxNarInfoSize < 1 || maxNarInfoSize > NARINFO_PARSER_LIMIT) {
      throw invalid(
          MAX_NARINFO_SIZE, maxNarInfoSize, "must be in [1, " + NARINFO_PARSER_LIMIT + "]");
    }
    writeToken.ifPresent(
        t -> {
          if (t.length() < 16 || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                WRITE_TOKEN + " must be at least 16 printable ASCII characters without spaces");
          }
        });
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
    return new CacheSettings(maxNar, (int) maxNarInfo, get.apply(WRITE_TOKEN));
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "CacheSettings[maxNarSize="
        + maxNarSize
        + ", maxNarInfoSize="
        + maxNarInfoSize
        + ", writeToken="
        + (writeToken.isPresent() ? "set" : "none (loopback uploads only)")
        + "]";
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
