package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteAccessTest {
  private static final String TOKEN = "s3cret-token-0123456789";

  private static WriteAccess access(Optional<String> token) {
    return new WriteAccess(new CacheSettings(1 << 20, 1 << 10, token));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withoutATokenOnlyLoopbackClientsMayWrite() {
    WriteAccess open = access(Optional.empty());
    assertDoesNotThrow(() -> open.check("127.0.0.1", null));
    assertDoesNotThrow(() -> open.check("127.3.4.5", null));
    assertDoesNotThrow(() -> open.check("0:0:0:0:0:0:0:1", null));
    assertDoesNotThrow(() -> open.check("::1", null));
    assertThrows(PermissionDeniedException.class, () -> open.check("192.168.1.7", null));
    assertThrows(PermissionDeniedException.class, () -> open.check("fe80::1%eth0", null));
    assertThrows(PermissionDeniedException.class, () -> open.check("localhost", null));
    assertThrows(PermissionDeniedException.class, () -> open.check(null, null));
  }

  @Test
  void withATokenEveryClientMustSendIt() {
    WriteAccess guarded = access(Optional.of(TOKEN));
    assertDoesNotThrow(() -> guarded.check("192.168.1.7", "Bearer " + TOKEN));
    assertDoesNotThrow(() -> guarded.check("192.168.1.7", basic("nix", TOKEN)));
    assertDoesNotThrow(() -> guarded.check("10.0.0.1", basic("", TOKEN)));
    assertThrows(UnauthenticatedException.class, () -> guarded.check("127.0.0.1", null));
    assertThrows(UnauthenticatedException.class, () -> guarded.check("10.0.0.1", "Digest x"));
    assertThrows(UnauthenticatedException.class, () -> guarded.check("10.0.0.1", "Basic !!"));
    assertThrows(PermissionDeniedException.class, () -> guarded.check("127.0.0.1", "Bearer wrong"));
    assertThrows(
        PermissionDeniedException.class, () -> guarded.check("10.0.0.1", basic(TOKEN, "x")));
  }
}
