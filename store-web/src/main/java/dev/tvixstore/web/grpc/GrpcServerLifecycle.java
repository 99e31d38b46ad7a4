package dev.tvixstore.web.grpc;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.ejb.config.StoreConfig;
import dev.tvixstore.store.PathInfoService;
import dev.tvixstore.grpc.BlobServiceGrpcAdapter;
import dev.tvixstore.grpc.DirectoryServiceGrpcAdapter;
import dev.tvixstore.grpc.GrpcServerSettings;
import dev.tvixstore.grpc.PathInfoServiceGrpcAdapter;
import dev.tvixstore.grpc.StoreGrpcServer;
import dev.tvixstore.web.health.ReadinessProbe;
import dev.tvixstore.web.metrics.StoreMetrics;
import dev.tvixstore.grpc.auth.TokenAuthInterceptor;
import dev.tvixstore.grpc.metrics.CallMetricsInterceptor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs the gRPC server for the life of the application: started after the schema is migrated,
 * reported SERVING once bound, drained on undeploy or SIGTERM.
 */
@Startup
@Singleton
@DependsOn("DbMigrator")
public class GrpcServerLifecycle {

  private static final Logger LOG = Logger.getLogger(GrpcServerLifecycle.class.getName());

  /** Handler threads; calls beyond these wait in a bounded queue. */
  private static final int THREADS = 16;

  private static final int QUEUE = 1024;

  /** How long running calls may finish after a stop is asked for. */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  // Threads from the container carry the application's context, so handlers may call EJBs.
  @Resource private ManagedThreadFactory threadFactory;

  @Inject private StoreConfig config;

  @Inject private BlobService blobs;

  @Inject private DirectoryService directories;

  @Inject private PathInfoService paths;

  @Inject private AccessPolicy access;

  @Inject private StoreMetrics metrics;

  @Inject private ReadinessProbe readiness;

  private ExecutorService executor;
  private StoreGrpcServer server;

  @PostConstruct
  void start() {
    executor = StoreGrpcServer.boundedExecutor(threadFactory, THREADS, QUEUE);
    TokenAuthInterceptor tokens = new TokenAuthInterceptor(access);
    // Measured outside the access check, so refused calls are counted too.
    CallMetricsInterceptor measured = new CallMetricsInterceptor(metrics, System::nanoTime);
    server =
        StoreGrpcServer.netty(
                new GrpcServerSettings(
                    config.grpcAddress(), config.grpcPort(), config.grpcMaxMessageBytes()),
                executor,
                List.of(
                    measured.measure(tokens.protect(new BlobServiceGrpcAdapter(blobs))),
                    measured.measure(tokens.protect(new DirectoryServiceGrpcAdapter(directories))),
                    measured.measure(tokens.protect(new PathInfoServiceGrpcAdapter(paths)))))
            .start();
    LOG.info(() -> "tvix-store gRPC serving on " + config.grpcAddress() + ":" + server.port());
  }

  /** gRPC health says what {@code /health/ready} says (issue 9), at most ten seconds late. */
  @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void reportReadiness() {
    if (server != null) {
      server.reportServing(readiness.check().ready());
    }
  }

  // Must not throw a checked exception, or the deployment fails (stack-spike §4).
  @PreDestroy
  void stop() {
    if (server == null || executor == null) {
      return; // start() failed; the container still calls us on undeploy
    }
    server.stop(DRAIN);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("tvix-store gRPC server stopped");
    // On SIGTERM the JDK closes the log handlers in a shutdown hook that runs in parallel with
    // Payara's, so the record above is often lost; operators and tests need to see this line.
    System.err.println("tvix-store: gRPC server stopped");
  }
}
