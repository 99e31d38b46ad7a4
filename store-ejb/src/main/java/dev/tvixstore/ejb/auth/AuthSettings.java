package dev.tvixstore.ejb.auth;

import dev.tvixstore.auth.AccessPolicy;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The access rules as configured (issue 9), read and checked once at deployment. */
public final class AuthSettings {

  /** Reads need a {@code read} token too. */
  public static final String PRIVATE = "tvix.store.auth.private";

  /** Writes need no token: for a development run on loopback only. */
  public static final String ANONYMOUS_WRITES = "tvix.store.auth.anonymous-writes";

  private AuthSettings() {}

  /**
   * The rules from {@code lookup}; both default to false.
   *
   * @throws IllegalArgumentException naming the key when a value is not {@code true} or {@code
   *     false}
   */
  public static AccessPolicy.Rules load(Function<String, Optional<String>> lookup) {
    return new AccessPolicy.Rules(flag(lookup, PRIVATE), flag(lookup, ANONYMOUS_WRITES));
  }

  private static boolean flag(Function<String, Optional<String>> lookup, String key) {
    String value = lookup.apply(key).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
    return switch (value) {
      case "", "false" -> false;
      case "true" -> true;
      default ->
          throw new IllegalArgumentException(
              key + "=" + value + " is invalid: must be true or false");
    };
  }
}
