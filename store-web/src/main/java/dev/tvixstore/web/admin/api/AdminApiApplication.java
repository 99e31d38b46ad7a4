package dev.tvixstore.web.admin.api;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The admin API's JAX-RS application, served by its own Jersey servlet on {@code /admin/api/*}
 * (web.xml): more specific than Vaadin's {@code /admin/*}, and reached after the cache's Jersey
 * filter forwards what it does not match. Resource paths are relative to {@code /admin/api}.
 *
 * <p>A new resource (e.g. {@code @Path("scrub") ScrubResource}) is one line in {@link #CLASSES}.
 */
public class AdminApiApplication extends Application {
  static final Set<Class<?>> CLASSES =
      Set.of(
          AdminAccessFilter.class,
          AdminErrorMapper.class,
          GcResource.class,
          PathsResource.class,
          PinsResource.class,
          ScrubResource.class,
          StatsResource.class,
          TokenResource.class);

  @Override
  public Set<Class<?>> getClasses() {
    return CLASSES;
  }
}
