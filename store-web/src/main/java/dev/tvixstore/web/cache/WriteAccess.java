package dev.tvixstore.web.cache;

import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.UnauthenticatedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may upload. Served narinfos are signed with the cache's key whatever path they describe, so
 * an upload is as good as a signature: without a configured token only clients on the loopback
 * interface may upload; with one, every upload must carry it, as a bearer token or as the password
 * of HTTP basic auth (what Nix sends for a {@code netrc-file} entry), whatever the user name.
 */
public final class WriteAccess {
  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";

  private final Optional<byte[]> token;

  /** Access as {@code settings} configure it. */
  public WriteAccess(CacheSettings settings) {
    this.token = settings.writeToken().map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Passes if the request may write.
   *
   * @param remoteAddress the client's IP address
   * @param authorization the {@code Authorization} header, or null
   * @throws UnauthenticatedException if a token is needed and none was sent (401)
   * @throws PermissionDeniedException if the token is wrong, or none is configured and the client
   *     is not local (403)
   */
  public void check(String remoteAddress, String authorization) {
    if (token.isEmpty()) {
      if (!isLoopback(remoteAddress)) {
        throw new PermissionDeniedException(
            "uploads from other hosts need a write token (tvix.store.cache.write-token)");
      }
      return;
    }
    Optional<byte[]> sent = presented(authorization);
    if (sent.isEmpty()) {
      throw new UnauthenticatedException("uploads need the cache's write token");
    }
    // Constant time: the comparison must not tell how much of a guess was right.
    if (!MessageDigest.isEqual(sent.get(), token.get())) {
      throw new PermissionDeniedException("wrong write token");
    }
  }

  private static Optional<byte[]> presented(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.of(
          authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
    }
    if (authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      try {
        String userAndPassword =
            new String(
                Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                StandardCharsets.UTF_8);
        int colon = userAndPassword.indexOf(':');
        return colon < 0
            ? Optional.empty()
            : Optional.of(userAndPassword.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isLoopback(String address) {
    if (address == null) {
      return false;
    }
    // An IP literal, never a name: no DNS lookup happens here.
    if (!address.matches("[0-9.]+|[0-9A-Fa-f:.%a-z]*:[0-9A-Fa-f:.%a-z]*")) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
