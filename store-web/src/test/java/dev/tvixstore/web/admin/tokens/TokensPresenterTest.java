package dev.tvixstore.web.admin.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.InMemoryTokenService;
import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.error.StorageException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensPresenterTest {

  private static final Instant NOW = Instant.parse("2026-11-25T22:30:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final InMemoryTokenService tokens = new InMemoryTokenService(clock, new SecureRandom());
  private final TokensPresenter presenter = new TokensPresenter(tokens, clock);

  @Test
  void createdTokenWorksWithTheSecretShownOnceAndIsListedWithoutIt() {
    TokenCreation.Created created = assertInstanceOf(TokenCreation.Created.class,
        presenter.create("  ci  ", EnumSet.of(Scope.WRITE, Scope.READ), LocalDate.of(2027, 1, 31)));
    Optional<AccessToken> found = tokens.findBySecret(created.secret());
    assertTrue(found.isPresent());
    assertEquals("ci", found.get().name());
    assertEquals(Optional.of(Instant.parse("2027-01-31T00:00:00Z")), found.get().expiresAt());
    assertFalse(created.toString().contains(created.secret()));
    TokenRow expected = new TokenRow(1, "ci", "read, write", "2026-11-25 22:30:00 UTC", "never",
        "2027-01-31 00:00:00 UTC", "active", true);
    assertEquals(expected, created.token());
    assertEquals(new TokenList(List.of(expected), Optional.empty()), presenter.list());
  }

  @Test
  void withoutAnExpiryTheTokenNeverExpires() {
    TokenCreation.Created created = assertInstanceOf(TokenCreation.Created.class,
        presenter.create("nix", Set.of(Scope.ADMIN), null));
    assertEquals("never", created.token().expires());
    assertEquals("admin", created.token().scopes());
  }

  @Test
  void badInputIsRefusedWithTheReasonAndCreatesNothing() {
    assertEquals(
        new TokenCreation.Refused("The token was not created: a token needs a name"),
        presenter.create("   ", Set.of(Scope.READ), null));
    assertEquals(
        new TokenCreation.Refused("The token was not created: a token needs at least one scope:"
            + " read, write or admin"),
        presenter.create("ci", Set.of(), null));
    assertEquals(
        new TokenCreation.Refused(
            "The expiry date must be after today (UTC): the token would expire at once."),
        presenter.create("ci", Set.of(Scope.READ), LocalDate.of(2026, 11, 25)));
    assertEquals(List.of(), tokens.list());
  }

  @Test
  void revokingAsksFirstThenRefusesTheSecretFromTheNextCall() {
    TokenCreation.Created created = assertInstanceOf(TokenCreation.Created.class,
        presenter.create("ci", Set.of(Scope.WRITE), null));
    assertEquals(
        "Revoke token 'ci' (write)? Every request with it is refused from the next one on."
            + " This cannot be undone.",
        presenter.revokeQuestion(created.token()));
    TokenCreation.Created admin = assertInstanceOf(TokenCreation.Created.class,
        presenter.create("ops", Set.of(Scope.ADMIN), null));
    assertTrue(presenter.revokeQuestion(admin.token()).endsWith(" It is an admin token: if you"
        + " signed in with it, the console and the admin API refuse you too, until you sign in"
        + " with another admin token."), presenter.revokeQuestion(admin.token()));
    TokenRevocation.Revoked revoked =
        assertInstanceOf(TokenRevocation.Revoked.class, presenter.revoke(created.token().id()));
    assertEquals("revoked 2026-11-25 22:30:00 UTC", revoked.token().status());
    assertFalse(revoked.token().revocable());
    assertTrue(tokens.findBySecret(created.secret()).orElseThrow().isRevoked());
    assertEquals(new TokenRevocation.Refused("There is no token 42."), presenter.revoke(42));
  }

  @Test
  void listShowsLastUseAndExpiredTokens() {
    IssuedToken old = tokens.create("old", Set.of(Scope.READ),
        Optional.of(NOW.plusSeconds(60)));
    tokens.recordUse(old.token().id(), NOW.minusSeconds(5));
    TokensPresenter later =
        new TokensPresenter(tokens, Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
    TokenRow row = later.list().rows().getFirst();
    assertEquals("2026-11-25 22:29:55 UTC", row.lastUsed());
    assertEquals("expired", row.status());
    assertTrue(row.revocable());
  }

  @Test
  void aFailingStoreIsReportedNotThrown() {
    TokenService broken = new TokenService() {
      @Override
      public IssuedToken create(String name, Set<Scope> scopes, Optional<Instant> expiresAt) {
        throw new StorageException("database is down");
      }

      @Override
      public Optional<AccessToken> findBySecret(String presented) {
        throw new StorageException("database is down");
      }

      @Override
      public void recordUse(long id, Instant at) {}

      @Override
      public List<AccessToken> list() {
        throw new StorageException("database is down");
      }

      @Override
      public Optional<AccessToken> revoke(long id) {
        throw new StorageException("database is down");
      }
    };
    TokensPresenter p = new TokensPresenter(broken, clock);
    assertEquals(new TokenCreation.Refused("The token was not created: database is down"),
        p.create("ci", Set.of(Scope.READ), null));
    assertEquals(Optional.of("cannot list the tokens: database is down"), p.list().error());
    assertEquals(new TokenRevocation.Refused("Token 3 was not revoked: database is down"),
        p.revoke(3));
  }
}
