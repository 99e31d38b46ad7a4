package dev.tvixstore.auth;

import dev.tvixstore.error.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The token secret a client sent in an {@code Authorization} header (HTTP) or {@code
 * authorization} metadata (gRPC): {@code Bearer <secret>}, or {@code Basic} with the secret as the
 * password and any user name, which is what Nix sends from a {@code netrc-file}.
 */
public final class Credentials {

  private Credentials() {}

  /**
   * The secret in {@code header}; empty when there is no header.
   *
   * @throws UnauthenticatedException if the header is there but is neither well-formed Bearer nor
   *     Basic credentials
   */
  public static Optional<String> secret(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().strip();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    String rest = space < 0 ? "" : value.substring(space + 1).strip();
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "bearer" -> Optional.of(nonEmpty(rest, "Bearer"));
      case "basic" -> Optional.of(basicPassword(nonEmpty(rest, "Basic")));
      default -> throw new UnauthenticatedException(unsupported(scheme));
    };
  }

  private static String nonEmpty(String credentials, String scheme) {
    if (credentials.isEmpty()) {
      throw new UnauthenticatedException(scheme + " authorization without credentials");
    }
    return credentials;
  }

  private static String basicPassword(String encoded) {
    String userAndPassword;
    try {
      userAndPassword = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new UnauthenticatedException("Basic credentials are not base64");
    }
    int colon = userAndPassword.indexOf(':');
    if (colon < 0 || colon == userAndPassword.length() - 1) {
      throw new UnauthenticatedException("Basic credentials without a password (the token)");
    }
    return userAndPassword.substring(colon + 1);
  }

  // The scheme is named only when it looks like one: a client that sends its bare token puts the
  // secret where the scheme belongs, and a hostile header must not forge log lines.
  private static String unsupported(String scheme) {
    return scheme.matches("[A-Za-z][A-Za-z0-9-]{0,19}")
        ? "unsupported authorization scheme '" + scheme + "': use Bearer or Basic"
        : "authorization header without a known scheme: use Bearer <token> or Basic";
  }
}
