package dev.tvixstore.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.grpc.testing.Await;
import dev.tvixstore.grpc.testing.InstrumentedBlobService;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.protos.castore.StatBlobResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A saturated server on Netty: calls beyond what the bounded pool takes get a clean
 * RESOURCE_EXHAUSTED, even while every pool thread is blocked, and never the INTERNAL (reset
 * stream) or UNKNOWN (dropped callback) that grpc-java produces when its executor rejects.
 */
class CallAdmissionTest {

  private static final StatBlobRequest STAT_UNKNOWN =
      StatBlobRequest.newBuilder().setDigest(ByteString.copyFrom(new byte[32])).build();

  private final List<ManagedChannel> channels = new ArrayList<>();
  private ExecutorService pool;
  private InstrumentedBlobService blobs;
  private StoreGrpcServer server;

  @BeforeEach
  void start() {
    // One thread, three queue places: the derived limit is (1 + 3) / 2 = 2 calls.
    pool = StoreGrpcServer.boundedExecutor(Executors.defaultThreadFactory(), 1, 3);
    blobs = new InstrumentedBlobService(new InMemoryBlobService());
    blobs.hold = true;
    server =
        StoreGrpcServer.netty(
                new GrpcServerSettings("127.0.0.1", 0, 64 * 1024),
                pool,
                List.of(
                    new BlobServiceGrpcAdapter(blobs),
                    new DirectoryServiceGrpcAdapter(new InMemoryDirectoryService())))
            .start();
  }

  @AfterEach
  void stop() {
    blobs.release.countDown();
    channels.forEach(ManagedChannel::shutdownNow);
    server.stop(Duration.ofSeconds(5));
    pool.shutdownNow();
  }

  private BlobServiceGrpc.BlobServiceFutureStub newClient() {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    channels.add(channel);
    return BlobServiceGrpc.newFutureStub(channel);
  }

  private static Status statusOf(ListenableFuture<StatBlobResponse> call) throws Exception {
    try {
      call.get(10, TimeUnit.SECONDS);
      return Status.OK;
    } catch (ExecutionException e) {
      return Status.fromThrowable(e.getCause());
    }
  }

  @Test
  void callsOverTheLimitAreRefusedWhileThePoolIsBlocked() throws Exception {
    var client = newClient();
    ListenableFuture<StatBlobResponse> first = client.stat(STAT_UNKNOWN);
    assertTrue(blobs.entered.await(10, TimeUnit.SECONDS), "first call holds the only thread");
    ListenableFuture<StatBlobResponse> second = client.stat(STAT_UNKNOWN); // admitted, queued

    Status third = statusOf(client.stat(STAT_UNKNOWN));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, third.getCode(), third.toString());
    assertTrue(third.getDescription().contains("server busy"), third.getDescription());

    blobs.release.countDown();
    assertEquals(Status.Code.NOT_FOUND, statusOf(first).getCode());
    assertEquals(Status.Code.NOT_FOUND, statusOf(second).getCode());
    // The answers reach the client before the server's calls end; wait for the places back.
    Await.until(() -> server.callsInProgress() == 0, Duration.ofSeconds(10), "calls ended");
    assertEquals(Status.Code.NOT_FOUND, statusOf(client.stat(STAT_UNKNOWN)).getCode());
  }

  @Test
  void aFloodFromManyConnectionsGetsOnlyCleanAnswers() throws Exception {
    List<ListenableFuture<StatBlobResponse>> calls = new ArrayList<>();
    calls.add(newClient().stat(STAT_UNKNOWN));
    assertTrue(blobs.entered.await(10, TimeUnit.SECONDS));
    for (int connection = 0; connection < 4; connection++) {
      var client = newClient();
      for (int i = 0; i < 10; i++) {
        calls.add(client.stat(STAT_UNKNOWN));
      }
    }
    // One more call fits, and waits for the blocked thread; the other 39 must be refused on the
    // transport threads while the pool's only thread is still blocked.
    CountDownLatch answered = new CountDownLatch(calls.size() - 2);
    calls.forEach(call -> call.addListener(answered::countDown, Runnable::run));
    assertTrue(answered.await(10, TimeUnit.SECONDS), "39 calls answered while the pool is stuck");
    blobs.release.countDown();
    int refused = 0;
    for (ListenableFuture<StatBlobResponse> call : calls) {
      Status status = statusOf(call);
      if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
        refused++;
      } else {
        assertEquals(Status.Code.NOT_FOUND, status.getCode(), status.toString());
      }
    }
    assertEquals(calls.size() - 2, refused);
  }

  @Test
  void safeLimitIsHalfOfThreadsPlusQueue() {
    assertEquals(2, CallAdmission.safeLimit(pool));
    ThreadPoolExecutor webDefault =
        new ThreadPoolExecutor(16, 16, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024));
    ThreadPoolExecutor unbounded =
        new ThreadPoolExecutor(4, 4, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    try {
      assertEquals(520, CallAdmission.safeLimit(webDefault));
      assertTrue(CallAdmission.safeLimit(unbounded) > 1_000_000_000);
    } finally {
      webDefault.shutdownNow();
      unbounded.shutdownNow();
    }
    Executor direct = Runnable::run;
    assertEquals(Integer.MAX_VALUE, CallAdmission.safeLimit(direct));
  }
}
