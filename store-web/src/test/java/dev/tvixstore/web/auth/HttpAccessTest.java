package dev.tvixstore.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.auth.InMemoryTokenService;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.error.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpAccessTest {
  private final TokenService tokens = new InMemoryTokenService(Clock.systemUTC(), new SecureRandom());
  private final HttpAccess access =
      new HttpAccess(new AccessPolicy(tokens, AccessPolicy.Rules.DEFAULT, Clock.systemUTC()));

  @Test
  void openReadsIgnoreWhateverCredentialsCome() {
    // Nix sends its netrc credentials with every request, also to a cache that needs none.
    assertEquals(Optional.empty(), access.require(Optional.of("Digest nonsense"), Scope.READ));
  }

  @Test
  void writesTakeBearerOrBasicAndRefuseMalformedHeaders() {
    String secret = tokens.create("ci", Set.of(Scope.WRITE), Optional.empty()).secret().reveal();
    assertTrue(access.require(Optional.of("Bearer " + secret), Scope.WRITE).isPresent());
    String basic =
        Base64.getEncoder().encodeToString(("nix:" + secret).getBytes(StandardCharsets.UTF_8));
    assertTrue(access.require(Optional.of("Basic " + basic), Scope.WRITE).isPresent());
    assertThrows(
        UnauthenticatedException.class,
        () -> access.require(Optional.of("Digest nonsense"), Scope.WRITE));
    assertThrows(UnauthenticatedException.class, () -> access.require(Optional.empty(), Scope.WRITE));
  }
}
