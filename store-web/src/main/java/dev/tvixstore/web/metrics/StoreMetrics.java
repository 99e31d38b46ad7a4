package dev.tvixstore.web.metrics;

import dev.tvixstore.ejb.stats.StoreStats;
import dev.tvixstore.ejb.stats.StoreStatsService;
import dev.tvixstore.grpc.metrics.CallRecorder;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The store's application metrics. Counters and timers are created on first use per label set
 * (the registry keeps them); the size gauges read a snapshot of the store's counts at most every
 * {@link #SIZES_MAX_AGE}, since each is a {@code COUNT(*)} and scrapers come every few seconds.
 */
@ApplicationScoped
public class StoreMetrics implements CallRecorder {
  private static final Logger LOG = Logger.getLogger(StoreMetrics.class.getName());

  /** How old the size gauges may be. */
  static final Duration SIZES_MAX_AGE = Duration.ofSeconds(30);

  @Inject private MetricRegistry registry;
  @Inject private StoreStatsService stats;
  @Inject private MaintenanceMetrics maintenance;

  private StoreStats sizes;
  private long sizesAt;

  /** An HTTP request ended. */
  public void httpRequest(
      HttpEndpoint endpoint, String method, int status, long nanos, long bytesIn, long bytesOut) {
    Tag[] tags = {
      new Tag("endpoint", endpoint.label()),
      new Tag("method", method),
      new Tag("status", Integer.toString(status))
    };
    registry.counter("tvix_http_requests", tags).inc();
    registry.timer("tvix_http_request", tags).update(Duration.ofNanos(nanos));
    Tag where = new Tag("endpoint", endpoint.label());
    if (bytesIn > 0) {
      registry.counter("tvix_http_received_bytes", where).inc(bytesIn);
    }
    if (bytesOut > 0) {
      registry.counter("tvix_http_sent_bytes", where).inc(bytesOut);
    }
    boolean ok = status >= 200 && status < 300;
    if (ok && endpoint == HttpEndpoint.NAR && method.equals("GET")) {
      registry.counter("tvix_nars_served").inc();
    }
    if (ok && endpoint == HttpEndpoint.NAR && method.equals("PUT")) {
      registry.counter("tvix_nars_uploaded").inc();
    }
  }

  @Override
  public void callEnded(String service, String method, Status.Code code, long nanos) {
    Tag[] tags = {
      new Tag("service", service), new Tag("method", method), new Tag("code", code.name())
    };
    registry.counter("tvix_grpc_calls", tags).inc();
    registry.timer("tvix_grpc_call", tags).update(Duration.ofNanos(nanos));
  }

  /** Registers the store size, GC and scrub gauges; idempotent. */
  public void registerGauges() {
    maintenance.register(registry);
    gauge("tvix_store_paths", StoreStats::paths);
    gauge("tvix_store_directories", StoreStats::directories);
    gauge("tvix_store_blobs", StoreStats::blobs);
    gauge("tvix_store_chunks", StoreStats::chunks);
  }

  private void gauge(String name, ToLongFunction<StoreStats> field) {
    registry.gauge(name, this, m -> m.sizes().map(field::applyAsLong).orElse(-1L));
  }

  private synchronized Optional<StoreStats> sizes() {
    long now = System.nanoTime();
    if (sizes == null || now - sizesAt > SIZES_MAX_AGE.toNanos()) {
      try {
        sizes = stats.stats();
        sizesAt = now;
      } catch (RuntimeException e) {
        // A scrape must not fail because the database is down; readiness says that.
        LOG.log(Level.FINE, "tvix-store: store sizes unavailable for metrics", e);
        return Optional.ofNullable(sizes);
      }
    }
    return Optional.of(sizes);
  }
}
