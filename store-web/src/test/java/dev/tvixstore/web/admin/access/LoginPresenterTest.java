package dev.tvixstore.web.admin.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.auth.InMemoryTokenService;
import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.Scope;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginPresenterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private final InMemoryTokenService tokens = new InMemoryTokenService(clock, new SecureRandom());
  private final LoginPresenter presenter = new LoginPresenter(
      new AccessPolicy(tokens, AccessPolicy.Rules.DEFAULT, clock));

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private String issue(Scope scope, Optional<Instant> expiry) {
    IssuedToken t = tokens.create("ops", Set.of(scope), expiry);
    return t.secret().reveal();
  }

  @Test
  void anAdminTokenSignsIn() {
    String secret = issue(Scope.ADMIN, Optional.empty());
    LoginPresenter.Verdict v = presenter.check(" " + secret + "\n");
    assertTrue(v.allowed(), v.refusal());
    assertEquals("ops", v.token().orElseThrow().name());
  }

  @Test
  void refusesBlankUnknownAndWeakerTokensSayingWhy() {
    assertEquals("Enter an admin token.", presenter.check("  ").refusal());
    assertEquals("Enter an admin token.", presenter.check(null).refusal());
    assertEquals("unknown token", presenter.check("not-a-token").refusal());
    LoginPresenter.Verdict write = presenter.check(issue(Scope.WRITE, Optional.empty()));
    assertFalse(write.allowed());
    assertTrue(write.refusal().contains("not admin"), write.refusal());
  }

  @Test
  void aRevokedOrExpiredTokenNoLongerPasses() {
    String secret = issue(Scope.ADMIN, Optional.of(clock.now.plusSeconds(60)));
    assertTrue(presenter.check(secret).allowed());
    clock.now = clock.now.plusSeconds(60);
    assertTrue(presenter.check(secret).refusal().contains("expired"));

    String other = issue(Scope.ADMIN, Optional.empty());
    assertTrue(presenter.check(other).allowed());
    tokens.revoke(presenter.check(other).token().orElseThrow().id());
    LoginPresenter.Verdict v = presenter.check(other);
    assertFalse(v.allowed());
    assertTrue(v.refusal().contains("revoked"), v.refusal());
  }

  @Test
  void afterSignInOpensThePageAskedForIfItIsAPlainConsoleRoute() {
    assertEquals("gc", LoginPresenter.afterSignIn(Optional.of("gc")));
    assertEquals("paths/0c6kzph7l0dcbfmjap64f0czdafn3b7x",
        LoginPresenter.afterSignIn(Optional.of("paths/0c6kzph7l0dcbfmjap64f0czdafn3b7x")));
    for (String elsewhere : new String[] {"", "/gc", "//evil.example", "https://evil.example",
        "../x", "paths/../../x", "login", "gc?x=1", "a b", "javascript:alert(1)"}) {
      assertEquals("", LoginPresenter.afterSignIn(Optional.of(elsewhere)), elsewhere);
    }
    assertEquals("", LoginPresenter.afterSignIn(Optional.empty()));
  }
}
