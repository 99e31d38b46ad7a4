package dev.tvixstore.ejb.auth;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.auth.CachingTokenService;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.ejb.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the {@link TokenService} (the database one behind a one-second cache) and the {@link
 * AccessPolicy} injectable.
 */
@ApplicationScoped
public class TokenServiceProducer {

  /**
   * How long a found token is trusted without asking the database: the bound on how late another
   * server on the same database sees a revocation (issue 9: within one second).
   */
  static final Duration CACHE_TTL = Duration.ofMillis(900);

  @Inject private Transactions transactions;

  private volatile JpaTokenService database;
  private volatile AccessPolicy policy;

  /** The database backend itself, for {@link TokenBootstrap}'s batched use records. */
  JpaTokenService database() {
    JpaTokenService current = database;
    if (current == null) {
      synchronized (this) {
        if (database == null) {
          database = new JpaTokenService(transactions, Clock.systemUTC(), new SecureRandom());
        }
        current = database;
      }
    }
    return current;
  }

  /** One service for the application: its cache must see every revocation made here. */
  @Produces
  @ApplicationScoped
  public TokenService tokenService() {
    return new CachingTokenService(database(), CACHE_TTL, System::nanoTime);
  }

  /**
   * The rules from MicroProfile Config ({@link AuthSettings}), read once; a malformed value fails
   * the deployment. Dependent scope with one shared instance: a final class cannot be proxied.
   */
  @Produces
  @Dependent
  public AccessPolicy accessPolicy(TokenService tokens) {
    AccessPolicy current = policy;
    if (current == null) {
      Config mp = ConfigProvider.getConfig();
      current =
          new AccessPolicy(
              tokens,
              AuthSettings.load(key -> mp.getOptionalValue(key, String.class)),
              Clock.systemUTC());
      policy = current;
    }
    return current;
  }
}
