package dev.tvixstore.auth;

import dev.tvixstore.error.InvalidRequestException;
import java.util.Locale;

/**
 * What a token may do. The scopes are ordered: {@code admin} covers {@code write}, which covers
 * {@code read}, so an operator's admin token can also upload and download.
 */
public enum Scope {
  /** Downloads: narinfo, NAR, and the read calls of the gRPC services (when reads are private). */
  READ,
  /** Uploads: {@code Put} on the three gRPC services, HTTP {@code PUT} of NARs and narinfos. */
  WRITE,
  /** The admin API and console: GC, scrub, deletes, tokens. */
  ADMIN;

  /** The scope as written in the API, the console and the CLI: {@code read}, {@code write}, {@code admin}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a token holding this scope may do what needs {@code needed}. */
  public boolean covers(Scope needed) {
    return compareTo(needed) >= 0;
  }

  /**
   * The scope labelled {@code label}.
   *
   * @throws InvalidRequestException if it is none of {@code read}, {@code write}, {@code admin}
   */
  public static Scope parse(String label) {
    for (Scope s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new InvalidRequestException(
        "unknown scope '" + label + "': expected read, write or admin");
  }
}
