package dev.tvixstore.web.admin.tokens;

import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.web.admin.Figures;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Decides what the token page does and shows. Creating a token hands its secret back once, in
 * {@link TokenCreation.Created}; nothing here keeps it. Never throws on a refused or failed call:
 * the reason comes back as text for a notification.
 */
public final class TokensPresenter {

  private static final Logger LOG = Logger.getLogger(TokensPresenter.class.getName());

  private final TokenService tokens;
  private final Clock clock;

  public TokensPresenter(TokenService tokens, Clock clock) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The presenter wired to the deployed {@link TokenService} (vaadin-cdi is not available). */
  public static TokensPresenter fromContainer() {
    return new TokensPresenter(
        CDI.current().select(TokenService.class).get(), Clock.systemUTC());
  }

  /**
   * Creates a token.
   *
   * @param scopes as ticked; empty is refused
   * @param expiresOn the day (UTC) from whose start the token no longer works; null: never
   */
  public TokenCreation create(String name, Set<Scope> scopes, LocalDate expiresOn) {
    String trimmed = name == null ? "" : name.strip();
    Optional<Instant> expiresAt =
        Optional.ofNullable(expiresOn).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(clock.instant())) {
      return new TokenCreation.Refused(
          "The expiry date must be after today (UTC): the token would expire at once.");
    }
    try {
      IssuedToken issued = tokens.create(trimmed, Set.copyOf(scopes), expiresAt);
      return new TokenCreation.Created(row(issued.token()), issued.secret().reveal());
    } catch (InvalidRequestException e) {
      return new TokenCreation.Refused("The token was not created: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot create a token", e);
      return new TokenCreation.Refused("The token was not created: " + reason(e));
    }
  }

  /** Every token, revoked and expired ones too, oldest first. */
  public TokenList list() {
    try {
      return new TokenList(tokens.list().stream().map(this::row).toList(), Optional.empty());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot list tokens", e);
      return new TokenList(List.of(), Optional.of("cannot list the tokens: " + reason(e)));
    }
  }

  /** What the confirmation dialog asks before {@link #revoke}. */
  public String revokeQuestion(TokenRow token) {
    String question = "Revoke token '" + token.name() + "' (" + token.scopes() + ")? Every request"
        + " with it is refused from the next one on. This cannot be undone.";
    return token.scopes().contains(Scope.ADMIN.label())
        ? question + " It is an admin token: if you signed in with it, the console and the admin"
            + " API refuse you too, until you sign in with another admin token."
        : question;
  }

  /** Revokes token {@code id}, effective for the next request. */
  public TokenRevocation revoke(long id) {
    try {
      return tokens
          .revoke(id)
          .<TokenRevocation>map(t -> new TokenRevocation.Revoked(row(t)))
          .orElseGet(() -> new TokenRevocation.Refused("There is no token " + id + "."));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot revoke token " + id, e);
      return new TokenRevocation.Refused("Token " + id + " was not revoked: " + reason(e));
    }
  }

  TokenRow row(AccessToken t) {
    Instant now = clock.instant();
    String status =
        t.revokedAt().map(at -> "revoked " + Figures.time(at))
            .orElse(t.isExpired(now) ? "expired" : "active");
    return new TokenRow(
        t.id(),
        t.name(),
        t.scopes().stream().sorted().map(Scope::label).collect(Collectors.joining(", ")),
        Figures.time(t.createdAt()),
        Figures.time(t.lastUsedAt(), "never"),
        Figures.time(t.expiresAt(), "never"),
        status,
        !t.isRevoked());
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
