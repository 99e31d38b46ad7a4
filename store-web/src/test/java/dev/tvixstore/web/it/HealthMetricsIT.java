package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.grpc.client.GrpcBlobService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} and {@code /metrics} on the running jar (issue 9): they answer, their figures
 * move with traffic, and a store short of disk space is unready over HTTP and gRPC alike.
 */
class HealthMetricsIT {

  @TempDir Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the first sample of {@code metric} whose labels contain all of {@code labels}. */
  private static double sample(String metrics, String metric, String... labels) {
    Pattern line = Pattern.compile(
        "^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(metrics);
    while (m.find()) {
      boolean all = true;
      for (String l : labels) {
        all &= m.group(1).contains(l);
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }

  @Test
  void healthAndMetricsAnswerAndMoveWithTraffic() throws Exception {
    try (RunningStore store = RunningStore.start("health", tmp.resolve("data"), Map.of())) {
      int port = store.httpPort();
      HttpResponse<String> ready = get(port, "/health/ready");
      assertEquals(200, ready.statusCode(), ready.body());
      JsonObject check =
          JsonParser.parseString(ready.body())
              .getAsJsonObject()
              .getAsJsonArray("checks")
              .get(0)
              .getAsJsonObject();
      assertEquals("tvix-store", check.get("name").getAsString());
      assertEquals("up", check.getAsJsonObject("data").get("database").getAsString());
      assertEquals(200, get(port, "/health/live").statusCode());

      String narinfo = "/" + "0".repeat(32) + ".narinfo";
      String[] notFound = {"endpoint=\"narinfo\"", "status=\"404\""};
      double before = sample(get(port, "/metrics").body(), "tvix_http_requests_total", notFound);
      for (int i = 0; i < 3; i++) {
        assertEquals(404, get(port, narinfo).statusCode());
      }
      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", store.grpcPort()).usePlaintext().build();
      try {
        new GrpcBlobService(channel).stat(B3Digest.hash(new byte[] {1}), false);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      String metrics = get(port, "/metrics").body();
      assertEquals(before + 3, sample(metrics, "tvix_http_requests_total", notFound), metrics);
      assertTrue(
          sample(metrics, "tvix_grpc_calls_total", "method=\"Stat\"", "code=\"NOT_FOUND\"") >= 1,
          metrics);
      assertTrue(metrics.contains("tvix_http_request_seconds"), metrics);
      assertEquals(0, sample(metrics, "tvix_store_paths", "mp_scope=\"application\""), metrics);
      assertTrue(metrics.contains("tvix_store_chunks{"), metrics);
      assertEquals(0, sample(metrics, "tvix_gc_last_run_timestamp_seconds"), metrics);

      AdminCommandLine.Result gc = AdminCommandLine.run(store, "gc");
      assertEquals(0, gc.exit(), gc.toString());
      AdminCommandLine.Result scrub = AdminCommandLine.run(store, "scrub");
      assertEquals(0, scrub.exit(), scrub.toString());
      String after = awaitMetric(port, "tvix_scrub_last_run_timestamp_seconds");
      assertTrue(sample(after, "tvix_gc_last_run_timestamp_seconds") > 0, after);
      assertEquals(1, sample(after, "tvix_gc_last_run_succeeded"), after);
      assertEquals(0, sample(after, "tvix_gc_running"), after);
      assertEquals(0, sample(after, "tvix_scrub_last_run_damaged_chunks"), after);
    }
  }

  /** /metrics once {@code metric} is above zero (the run gauges are read every few seconds). */
  private String awaitMetric(int port, String metric) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String metrics = get(port, "/metrics").body();
    while (sample(metrics, metric) <= 0 && System.nanoTime() < deadline && sleep()) {
      metrics = get(port, "/metrics").body();
    }
    assertTrue(sample(metrics, metric) > 0, metrics);
    return metrics;
  }

  @Test
  void aStoreShortOfSpaceIsUnreadyOverHttpAndGrpc() throws Exception {
    Map<String, String> env =
        Map.of("TVIX_STORE_HEALTH_MIN_FREE_BYTES", Long.toString(Long.MAX_VALUE));
    try (RunningStore store = RunningStore.start("health-full", tmp.resolve("data"), env)) {
      HttpResponse<String> ready = get(store.httpPort(), "/health/ready");
      assertEquals(503, ready.statusCode(), ready.body());
      assertTrue(ready.body().contains("less than tvix.store.health.min-free-bytes"), ready.body());
      assertEquals(200, get(store.httpPort(), "/health/live").statusCode());
      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", store.grpcPort()).usePlaintext().build();
      try {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ServingStatus status;
        do { // gRPC health follows within the readiness schedule's ten seconds
          status = health.check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } while (status != ServingStatus.NOT_SERVING && System.nanoTime() < deadline
            && sleep());
        assertEquals(ServingStatus.NOT_SERVING, status);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(500);
    return true;
  }
}
