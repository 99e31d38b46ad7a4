package dev.tvixstore.ejb.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes {@link StoreConfig} injectable. MicroProfile Config supplies the values: system
 * properties, then environment variables ({@code TVIX_STORE_DATA_DIR} for
 * {@code tvix.store.data-dir}), then {@code META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
public class StoreConfigProducer {

  private volatile StoreConfig config;

  /** The settings, read once per application: a change needs a restart, as DESIGN §6 intends. */
  @Produces
  @Dependent
  public StoreConfig storeConfig() {
    StoreConfig current = config;
    if (current == null) {
      Config mp = ConfigProvider.getConfig();
      current = StoreConfig.load(key -> mp.getOptionalValue(key, String.class));
      config = current;
    }
    return current;
  }
}
