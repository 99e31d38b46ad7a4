package dev.tvixstore.web.admin.dashboard;

import dev.tvixstore.ejb.stats.DownloadCount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * NAR downloads since start as the metrics already count them ({@code tvix_nars_served}, kept by
 * {@code web.metrics.StoreMetrics} in memory): the sampler reads it, so a GET writes nothing more.
 */
@ApplicationScoped
public class MetricsDownloadCount implements DownloadCount {

  @Inject private MetricRegistry registry;

  @Override
  public long total() {
    return registry.counter("tvix_nars_served").getCount();
  }
}
