package dev.tvixstore.web.admin.access;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.error.StoreException;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides who may use the console: the holder of a valid token with the {@code admin} scope,
 * checked by the same {@link AccessPolicy} as the admin API (issue 9). The token is checked again
 * on every navigation ({@link ConsoleGuard}), so a revoked or expired token ends the session at
 * the next step.
 */
public final class LoginPresenter {
  private static final Logger LOG = Logger.getLogger(LoginPresenter.class.getName());

  /** The query parameter of the login page that names the page to open after sign-in. */
  public static final String NEXT = "next";

  /** The outcome of a check: the token, or why there is none. */
  public record Verdict(Optional<AccessToken> token, String refusal) {
    public Verdict {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(refusal, "refusal");
    }

    public boolean allowed() {
      return token.isPresent();
    }
  }

  private final AccessPolicy policy;

  public LoginPresenter(AccessPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The presenter wired to the deployed policy (vaadin-cdi is not available, STYLE §6). */
  public static LoginPresenter fromContainer() {
    return new LoginPresenter(CDI.current().select(AccessPolicy.class).get());
  }

  /** Checks a secret as typed or kept in the session. Never throws for a refusal. */
  public Verdict check(String secret) {
    if (secret == null || secret.isBlank()) {
      return new Verdict(Optional.empty(), "Enter an admin token.");
    }
    try {
      Optional<AccessToken> token = policy.check(Scope.ADMIN, Optional.of(secret.strip()));
      // ADMIN always needs a token, so an empty answer cannot happen; refuse it all the same.
      return token
          .map(t -> new Verdict(Optional.of(t), ""))
          .orElseGet(() -> new Verdict(Optional.empty(), "No token was checked."));
    } catch (StoreException e) {
      // Unauthenticated (unknown, revoked, expired) or permission denied (no admin scope), or
      // the database failing: each says why.
      LOG.log(Level.FINE, "console sign-in refused", e);
      return new Verdict(Optional.empty(), e.getMessage());
    }
  }

  /**
   * The console route to open after sign-in: {@code next}, the page the user asked for before the
   * login got in the way, when it is a plain relative route (letters, digits, {@code - _ . /},
   * no {@code ..}, not the login itself); the dashboard ({@code ""}) otherwise, so that a crafted
   * link cannot send a fresh session anywhere else.
   */
  public static String afterSignIn(Optional<String> next) {
    return next.filter(n -> n.matches("[A-Za-z0-9_.\\-][A-Za-z0-9_./\\-]*"))
        .filter(n -> !n.contains("..") && !n.contains("//") && !n.startsWith("login"))
        .orElse("");
  }
}
