package dev.tvixstore.ejb.auth;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.ejb.config.StoreConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up: checks the access rules (a bad value fails the deployment) and creates the first
 * admin token ({@link AdminTokenFile}). While running: writes tokens' recorded uses every five
 * seconds, and once more at shutdown.
 */
@Startup
@Singleton
@DependsOn("DbMigrator")
// The services run their own transactions (bean-managed, see Transactions).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TokenBootstrap {
  private static final Logger LOG = Logger.getLogger(TokenBootstrap.class.getName());

  @Inject private TokenServiceProducer producer;
  @Inject private TokenService tokens;
  @Inject private AccessPolicy policy;
  @Inject private StoreConfig config;

  @PostConstruct
  void start() {
    // Touching the policy builds it: a malformed setting fails the deployment here, not a call.
    LOG.info(
        () ->
            "tvix-store: writes "
                + (policy.needsToken(Scope.WRITE) ? "need a write token" : "are open to anyone")
                + ", reads "
                + (policy.needsToken(Scope.READ) ? "need a read token" : "are open"));
    AdminTokenFile.ensure(tokens, config.dataDir(), Instant.now())
        .ifPresent(
            file ->
                LOG.info(
                    () ->
                        "tvix-store: created an admin token; its secret is in "
                            + file
                            + " (mode 0600)"));
  }

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  void flushUses() {
    try {
      producer.database().flushUses();
    } catch (RuntimeException e) {
      // Last-use times are informative; losing a few seconds of them must not stop anything.
      LOG.log(Level.WARNING, "tvix-store: cannot record token uses", e);
    }
  }

  @PreDestroy
  void stop() {
    flushUses();
  }
}
