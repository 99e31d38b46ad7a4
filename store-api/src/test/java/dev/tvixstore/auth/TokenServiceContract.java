package dev.tvixstore.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.error.InvalidRequestException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenService} backend must do. Subclasses supply a fresh, empty service whose
 * clock reads {@link #NOW} (give or take a test's run time; no test depends on more).
 */
public abstract class TokenServiceContract {

  /** Roughly what the service's clock reads. */
  protected static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private TokenService tokens;

  /** A fresh service with no tokens. */
  protected abstract TokenService newService();

  @BeforeEach
  void fresh() {
    tokens = newService();
  }

  @Test
  void aCreatedTokenIsFoundByItsSecretAndOnlyByIt() {
    IssuedToken issued = tokens.create("ci", Set.of(Scope.WRITE), Optional.empty());
    AccessToken found = tokens.findBySecret(issued.secret().reveal()).orElseThrow();
    assertEquals(issued.token().id(), found.id());
    assertEquals("ci", found.name());
    assertEquals(Set.of(Scope.WRITE), found.scopes());
    assertFalse(found.isRevoked());
    assertTrue(found.lastUsedAt().isEmpty());
    assertEquals(Optional.empty(), tokens.findBySecret(issued.secret().reveal() + "x"));
    assertEquals(Optional.empty(), tokens.findBySecret(""));
  }

  @Test
  void secretsAreFreshAndWellFormed() {
    String a = tokens.create("a", Set.of(Scope.READ), Optional.empty()).secret().reveal();
    String b = tokens.create("b", Set.of(Scope.READ), Optional.empty()).secret().reveal();
    assertNotEquals(a, b);
    for (String s : List.of(a, b)) {
      assertTrue(s.matches("tvs_[A-Za-z0-9_-]{43}"), s);
    }
  }

  @Test
  void theSecretIsNotInTheListing() {
    IssuedToken issued = tokens.create("ops", Set.of(Scope.ADMIN), Optional.empty());
    assertFalse(tokens.list().toString().contains(issued.secret().reveal()));
    assertFalse(issued.toString().contains(issued.secret().reveal()));
  }

  @Test
  void listsEveryTokenOldestFirstWithScopesAndExpiry() {
    Instant expiry = NOW.plus(30, ChronoUnit.DAYS);
    tokens.create("first", Set.of(Scope.READ, Scope.WRITE), Optional.of(expiry));
    tokens.create("second", EnumSet.of(Scope.ADMIN), Optional.empty());
    List<AccessToken> all = tokens.list();
    assertEquals(List.of("first", "second"), all.stream().map(AccessToken::name).toList());
    assertEquals(Set.of(Scope.READ, Scope.WRITE), all.get(0).scopes());
    assertEquals(Optional.of(expiry), all.get(0).expiresAt());
    assertEquals(Optional.empty(), all.get(1).expiresAt());
    assertTrue(all.get(0).id() < all.get(1).id());
  }

  @Test
  void revocationIsSeenByTheNextLookupAndKeepsItsFirstTime() {
    IssuedToken issued = tokens.create("ci", Set.of(Scope.WRITE), Optional.empty());
    String secret = issued.secret().reveal();
    tokens.findBySecret(secret).orElseThrow();
    AccessToken revoked = tokens.revoke(issued.token().id()).orElseThrow();
    assertTrue(revoked.isRevoked());
    assertTrue(tokens.findBySecret(secret).orElseThrow().isRevoked());
    assertEquals(revoked.revokedAt(), tokens.revoke(issued.token().id()).orElseThrow().revokedAt());
    assertTrue(tokens.list().get(0).isRevoked());
  }

  @Test
  void revokingAnUnknownTokenFindsNothing() {
    assertEquals(Optional.empty(), tokens.revoke(12345));
  }

  @Test
  void recordedUseShowsAsLastUseAndOnlyMovesForward() {
    IssuedToken issued = tokens.create("ci", Set.of(Scope.WRITE), Optional.empty());
    long id = issued.token().id();
    Instant later = NOW.plusSeconds(60);
    tokens.recordUse(id, later);
    tokens.recordUse(id, NOW.plusSeconds(30));
    tokens.recordUse(987654, later);
    assertEquals(Optional.of(later), tokens.list().get(0).lastUsedAt());
  }

  @Test
  void badNamesScopesAndExpiriesAreRefused() {
    assertThrows(
        InvalidRequestException.class, () -> tokens.create(" ", Set.of(Scope.READ), Optional.empty()));
    assertThrows(
        InvalidRequestException.class,
        () -> tokens.create("x".repeat(101), Set.of(Scope.READ), Optional.empty()));
    assertThrows(
        InvalidRequestException.class,
        () -> tokens.create("a\nb", Set.of(Scope.READ), Optional.empty()));
    assertThrows(
        InvalidRequestException.class, () -> tokens.create("none", Set.of(), Optional.empty()));
    assertThrows(
        InvalidRequestException.class,
        () -> tokens.create("old", Set.of(Scope.READ), Optional.of(NOW.minusSeconds(3600))));
    assertEquals(List.of(), tokens.list());
  }

  @Test
  void namesNeedNotBeUnique() {
    tokens.create("laptop", Set.of(Scope.WRITE), Optional.empty());
    tokens.create("laptop", Set.of(Scope.WRITE), Optional.empty());
    assertEquals(2, tokens.list().size());
  }
}
