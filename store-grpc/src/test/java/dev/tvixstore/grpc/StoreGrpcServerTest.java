package dev.tvixstore.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.store.InMemoryPathInfoService;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Netty server on a free loopback port: health, reflection, limits, shutdown. */
class StoreGrpcServerTest {

  private static final int MAX_MESSAGE = 64 * 1024;

  private ExecutorService executor;
  private StoreGrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    executor = StoreGrpcServer.boundedExecutor(Executors.defaultThreadFactory(), 2, 16);
    InMemoryBlobService blobs = new InMemoryBlobService();
    InMemoryDirectoryService directories = new InMemoryDirectoryService();
    server =
        StoreGrpcServer.netty(
                new GrpcServerSettings("127.0.0.1", 0, MAX_MESSAGE),
                executor,
                List.of(
                    new BlobServiceGrpcAdapter(blobs),
                    new DirectoryServiceGrpcAdapter(directories),
                    new PathInfoServiceGrpcAdapter(
                        new InMemoryPathInfoService(blobs, directories))))
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop(Duration.ofSeconds(5));
    executor.shutdownNow();
  }

  @Test
  void healthIsServingOverallAndPerService() {
    var health = HealthGrpc.newBlockingStub(channel);
    assertEquals(
        ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    for (String name : server.serviceNames()) {
      assertEquals(
          ServingStatus.SERVING,
          health.check(HealthCheckRequest.newBuilder().setService(name).build()).getStatus());
    }
    assertEquals(
        List.of(
            "tvix.castore.v1.BlobService",
            "tvix.castore.v1.DirectoryService",
            "tvix.store.v1.PathInfoService"),
        server.serviceNames());
  }

  @Test
  void reflectionV1ListsTheStoreServices() throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse value) {
                    answer.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    List<String> names =
        answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
            .map(ServiceResponse::getName)
            .toList();
    requests.onCompleted();
    assertTrue(names.containsAll(server.serviceNames()), names.toString());
    assertTrue(names.contains("grpc.reflection.v1alpha.ServerReflection"), names.toString());
    assertTrue(names.contains("grpc.health.v1.Health"), names.toString());
  }

  @Test
  void messagesOverTheLimitAreRejectedBeforeAnyHandlerRuns() {
    // Stat is unary: the message is read (and measured) before the handler would answer.
    var request =
        StatBlobRequest.newBuilder()
            .setDigest(ByteString.copyFrom(new byte[MAX_MESSAGE + 1]))
            .build();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> BlobServiceGrpc.newBlockingStub(channel).stat(request));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
  }

  @Test
  void stopTerminatesAndRefusesNewCalls() {
    server.stop(Duration.ofSeconds(2));
    assertTrue(server.isTerminated());
    var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS);
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> health.check(HealthCheckRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
  }

  @Test
  void settingsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new GrpcServerSettings(" ", 1, 4096));
    assertThrows(IllegalArgumentException.class, () -> new GrpcServerSettings("h", 65536, 4096));
    assertThrows(IllegalArgumentException.class, () -> new GrpcServerSettings("h", 1, 10));
  }
}
