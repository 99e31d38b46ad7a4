package dev.tvixstore.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.Directory;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.GetDirectoryRequest;
import dev.tvixstore.protos.castore.Node;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.protos.store.GetPathInfoRequest;
import dev.tvixstore.protos.store.ListPathInfoRequest;
import dev.tvixstore.protos.store.PathInfo;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Until their issues land, the three services must say UNIMPLEMENTED for every RPC. */
class AdaptersAnswerUnimplementedTest {

  private StoreGrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    String name = InProcessServerBuilder.generateName();
    server =
        StoreGrpcServer.on(
                InProcessServerBuilder.forName(name).directExecutor(),
                List.of(
                    new BlobServiceGrpcAdapter(),
                    new DirectoryServiceGrpcAdapter(),
                    new PathInfoServiceGrpcAdapter()))
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop(Duration.ofSeconds(5));
  }

  private static void assertUnimplemented(Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
  }

  /** Runs a client-streaming call that sends one message and returns its final status. */
  private static <T, R> Status clientStream(
      Function<StreamObserver<R>, StreamObserver<T>> call, T message) throws Exception {
    CompletableFuture<Status> done = new CompletableFuture<>();
    StreamObserver<T> requests =
        call.apply(
            new StreamObserver<>() {
              @Override
              public void onNext(R value) {
                done.completeExceptionally(new AssertionError("unexpected response " + value));
              }

              @Override
              public void onError(Throwable t) {
                done.complete(Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {
                done.complete(Status.OK);
              }
            });
    requests.onNext(message);
    requests.onCompleted();
    return done.get(5, TimeUnit.SECONDS);
  }

  @Test
  void blobServiceAnswersUnimplemented() throws Exception {
    var blocking = BlobServiceGrpc.newBlockingStub(channel);
    assertUnimplemented(() -> blocking.stat(StatBlobRequest.getDefaultInstance()));
    assertUnimplemented(() -> blocking.read(ReadBlobRequest.getDefaultInstance()).hasNext());
    var async = BlobServiceGrpc.newStub(channel);
    assertEquals(
        Status.Code.UNIMPLEMENTED,
        clientStream(async::put, BlobChunk.getDefaultInstance()).getCode());
  }

  @Test
  void directoryServiceAnswersUnimplemented() throws Exception {
    var blocking = DirectoryServiceGrpc.newBlockingStub(channel);
    assertUnimplemented(() -> blocking.get(GetDirectoryRequest.getDefaultInstance()).hasNext());
    var async = DirectoryServiceGrpc.newStub(channel);
    assertEquals(
        Status.Code.UNIMPLEMENTED,
        clientStream(async::put, Directory.getDefaultInstance()).getCode());
  }

  @Test
  void pathInfoServiceAnswersUnimplemented() {
    var blocking = PathInfoServiceGrpc.newBlockingStub(channel);
    assertUnimplemented(() -> blocking.get(GetPathInfoRequest.getDefaultInstance()));
    assertUnimplemented(() -> blocking.put(PathInfo.getDefaultInstance()));
    assertUnimplemented(() -> blocking.calculateNAR(Node.getDefaultInstance()));
    assertUnimplemented(() -> blocking.list(ListPathInfoRequest.getDefaultInstance()).hasNext());
  }
}
