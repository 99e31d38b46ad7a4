package dev.tvixstore.web.cache;

import dev.tvixstore.ejb.config.StoreConfig;
import dev.tvixstore.nix.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;

/**
 * The keys served narinfos are signed with, loaded once when the application starts (so that a bad
 * key file fails the deployment, and a generated key's public half is in the log at once).
 */
@ApplicationScoped
public class CacheSigningKeys {

  private static final Logger LOG = Logger.getLogger(CacheSigningKeys.class.getName());

  @Inject private StoreConfig config;

  private volatile List<SigningKey> keys;

  /** Loads the keys as the application starts. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    keys();
  }

  /** The signing keys, at least one. */
  public List<SigningKey> keys() {
    List<SigningKey> current = keys;
    if (current == null) {
      current = load();
    }
    return current;
  }

  /** Their public halves, as clients put them into {@code trusted-public-keys}. */
  public List<String> publicKeys() {
    return keys().stream().map(SigningKey::renderPublic).toList();
  }

  private synchronized List<SigningKey> load() {
    if (keys == null) {
      SigningKeyFiles.Loaded loaded =
          SigningKeyFiles.load(
              config.signingKeyFiles(),
              config.dataDir(),
              SigningKeyFiles.defaultKeyName(hostName()),
              new SecureRandom());
      keys = loaded.keys();
      if (loaded.generated()) {
        LOG.info(
            () ->
                "tvix-store: generated a signing key in "
                    + config.dataDir().resolve(SigningKeyFiles.GENERATED_SECRET)
                    + "; clients trust it with: trusted-public-keys = "
                    + keys.getFirst().renderPublic());
      } else {
        LOG.info(() -> "tvix-store: narinfos are signed by " + String.join(" ", publicKeys()));
      }
    }
    return keys;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "";
    }
  }
}
