package dev.tvixstore.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.UnauthenticatedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final TokenService tokens = new InMemoryTokenService(clock, new SecureRandom());

  private AccessPolicy policy(boolean privateReads, boolean anonymousWrites) {
    return new AccessPolicy(tokens, new AccessPolicy.Rules(privateReads, anonymousWrites), clock);
  }

  private Optional<String> secret(Scope... scopes) {
    return Optional.of(tokens.create("t", Set.of(scopes), Optional.empty()).secret().reveal());
  }

  @Test
  void byDefaultReadsAreOpenAndWritesAndAdminNeedAToken() {
    AccessPolicy policy = policy(false, false);
    assertEquals(Optional.empty(), policy.check(Scope.READ, Optional.empty()));
    assertFalse(policy.needsToken(Scope.READ));
    UnauthenticatedException noToken =
        assertThrows(
            UnauthenticatedException.class, () -> policy.check(Scope.WRITE, Optional.empty()));
    assertTrue(noToken.getMessage().contains("scope write"), noToken.getMessage());
    assertThrows(UnauthenticatedException.class, () -> policy.check(Scope.ADMIN, Optional.empty()));
  }

  @Test
  void aPrivateStoreWantsATokenForReads() {
    AccessPolicy policy = policy(true, false);
    assertThrows(UnauthenticatedException.class, () -> policy.check(Scope.READ, Optional.empty()));
    assertTrue(policy.check(Scope.READ, secret(Scope.READ)).isPresent());
  }

  @Test
  void anonymousWritesLetWritesThroughButNeverAdmin() {
    AccessPolicy policy = policy(false, true);
    assertEquals(Optional.empty(), policy.check(Scope.WRITE, Optional.empty()));
    assertThrows(UnauthenticatedException.class, () -> policy.check(Scope.ADMIN, Optional.empty()));
  }

  @Test
  void scopesAreOrderedAdminWriteRead() {
    AccessPolicy policy = policy(true, false);
    Optional<String> admin = secret(Scope.ADMIN);
    for (Scope needed : Scope.values()) {
      assertTrue(policy.check(needed, admin).isPresent(), needed.label());
    }
    assertTrue(policy.check(Scope.READ, secret(Scope.WRITE)).isPresent());
    PermissionDeniedException denied =
        assertThrows(
            PermissionDeniedException.class, () -> policy.check(Scope.WRITE, secret(Scope.READ)));
    assertEquals("token 't' may [read], not write", denied.getMessage());
    assertThrows(PermissionDeniedException.class, () -> policy.check(Scope.ADMIN, secret(Scope.WRITE)));
  }

  @Test
  void unknownRevokedAndExpiredTokensAreUnauthenticatedAndSaySo() {
    AccessPolicy policy = policy(false, false);
    assertEquals(
        "unknown token",
        assertThrows(
                UnauthenticatedException.class,
                () -> policy.check(Scope.WRITE, Optional.of("tvs_guess")))
            .getMessage());
    IssuedToken revoked = tokens.create("old-ci", Set.of(Scope.WRITE), Optional.empty());
    tokens.revoke(revoked.token().id());
    String message =
        assertThrows(
                UnauthenticatedException.class,
                () -> policy.check(Scope.WRITE, Optional.of(revoked.secret().reveal())))
            .getMessage();
    assertTrue(message.startsWith("token 'old-ci' was revoked at"), message);

    IssuedToken expiring =
        tokens.create("temp", Set.of(Scope.WRITE), Optional.of(NOW.plusSeconds(60)));
    AccessPolicy later = new AccessPolicy(
        tokens, AccessPolicy.Rules.DEFAULT, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
    message =
        assertThrows(
                UnauthenticatedException.class,
                () -> later.check(Scope.WRITE, Optional.of(expiring.secret().reveal())))
            .getMessage();
    assertEquals("token 'temp' expired at " + NOW.plusSeconds(60), message);
  }

  @Test
  void aTokenThatLetsARequestThroughIsMarkedUsed() {
    IssuedToken issued = tokens.create("ci", Set.of(Scope.WRITE), Optional.empty());
    policy(false, false).check(Scope.WRITE, Optional.of(issued.secret().reveal()));
    assertEquals(Optional.of(NOW), tokens.list().get(0).lastUsedAt());
  }
}
