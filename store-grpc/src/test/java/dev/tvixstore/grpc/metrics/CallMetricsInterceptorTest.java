package dev.tvixstore.grpc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.grpc.DirectoryServiceGrpcAdapter;
import dev.tvixstore.grpc.client.GrpcDirectoryService;
import dev.tvixstore.grpc.testing.InProcessStore;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallMetricsInterceptorTest {

  private record Ended(String service, String method, Status.Code code, long nanos) {}

  @Test
  void everyCallIsReportedOnceWithItsMethodStatusAndDuration() {
    List<Ended> ended = new CopyOnWriteArrayList<>();
    AtomicLong clock = new AtomicLong();
    CallMetricsInterceptor metrics =
        new CallMetricsInterceptor(
            (s, m, c, n) -> ended.add(new Ended(s, m, c, n)), () -> clock.addAndGet(1000));
    try (InProcessStore store =
        InProcessStore.serve(
            metrics.measure(new DirectoryServiceGrpcAdapter(new InMemoryDirectoryService())))) {
      GrpcDirectoryService client = new GrpcDirectoryService(store.channel());
      client.put(Directory.EMPTY);
      B3Digest unknown = B3Digest.hash(new byte[] {1});
      assertEquals(Optional.empty(), client.get(unknown));
    }
    String service = "tvix.castore.v1.DirectoryService";
    assertEquals(
        List.of(
            new Ended(service, "Put", Status.Code.OK, 1000),
            new Ended(service, "Get", Status.Code.NOT_FOUND, 1000)),
        ended);
  }
}
