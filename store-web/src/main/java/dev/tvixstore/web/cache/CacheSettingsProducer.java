package dev.tvixstore.web.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes {@link CacheSettings} injectable, read through MicroProfile Config (system properties, then
 * environment variables such as {@code TVIX_STORE_CACHE_MAX_NAR_SIZE}).
 */
@ApplicationScoped
public class CacheSettingsProducer {

  private volatile CacheSettings settings;

  /** Reads the settings as the application starts: a bad value fails the deployment. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    cacheSettings();
  }

  /** Read once: a change needs a restart, like the rest of the configuration (DESIGN §6). */
  @Produces
  @Dependent
  public CacheSettings cacheSettings() {
    CacheSettings current = settings;
    if (current == null) {
      Config mp = ConfigProvider.getConfig();
      current = CacheSettings.load(key -> mp.getOptionalValue(key, String.class));
      settings = current;
    }
    return current;
  }
}
