package dev.tvixstore.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedPathInfoService;
import dev.tvixstore.protos.store.ListPathInfoRequest;
import dev.tvixstore.protos.store.PathInfo;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import dev.tvixstore.store.PathInfoProto;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * PathInfoService.List streams the backend's listing only as fast as the client takes it, and
 * closes the listing however the call ends.
 */
class PathInfoListTest {

  private static final int PATHS = 2_000;
  private static final ListPathInfoRequest ALL = ListPathInfoRequest.getDefaultInstance();

  private final InstrumentedPathInfoService paths = new InstrumentedPathInfoService();

  /** Stores {@code count} paths and returns their messages, as List must send them. */
  private Set<PathInfo> storePaths(int count, int nameLength) {
    Set<PathInfo> stored = new HashSet<>();
    for (int i = 0; i < count; i++) {
      stored.add(
          PathInfoProto.toProto(paths.put(InstrumentedPathInfoService.symlinkPath(i, nameLength))));
    }
    return stored;
  }

  @Test
  void listPullsNothingTheClientHasNotAskedFor() throws Exception {
    Set<PathInfo> stored = storePaths(PATHS, 20);
    // Direct executors: every callback runs on the thread that caused it, so when start() or
    // request(1) returns, the server has done all it was going to do in reaction.
    try (InProcessStore store = InProcessStore.serveDirect(new PathInfoServiceGrpcAdapter(paths))) {
      List<PathInfo> received = new ArrayList<>();
      CompletableFuture<Void> done = new CompletableFuture<>();
      AtomicReference<ClientCallStreamObserver<ListPathInfoRequest>> call = new AtomicReference<>();
      PathInfoServiceGrpc.newStub(store.channel()).list(ALL, slowClient(call, received::add, done));
      for (int asked = 1; !done.isDone(); asked++) {
        assertEquals(Math.min(asked, PATHS), received.size());
        assertEquals(received.size(), paths.pulled.get(), "pulled ahead of the client");
        call.get().request(1);
      }
      done.get();
      assertEquals(stored, new HashSet<>(received));
      assertTrue(paths.listClosed.await(10, TimeUnit.SECONDS), "listing closed at the end");
    }
  }

  @Test
  void listOverHttp2IsBoundedByTheFlowControlWindow() throws Exception {
    int window = 16 * 1024;
    Set<PathInfo> stored = storePaths(PATHS, 200);
    int messageBytes = stored.iterator().next().getSerializedSize();
    ExecutorService pool = StoreGrpcServer.boundedExecutor(Executors.defaultThreadFactory(), 2, 8);
    StoreGrpcServer server =
        StoreGrpcServer.netty(
                new GrpcServerSettings("127.0.0.1", 0, 4 << 20),
                pool,
                List.of(new PathInfoServiceGrpcAdapter(paths)))
            .start();
    // A fixed window (no auto-tuning): the client buffers at most that much it has not asked for.
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .usePlaintext()
            .flowControlWindow(window)
            .build();
    try {
      AtomicInteger largestLead = new AtomicInteger();
      Set<PathInfo> received = new HashSet<>();
      CompletableFuture<Void> done = new CompletableFuture<>();
      AtomicReference<ClientCallStreamObserver<ListPathInfoRequest>> call = new AtomicReference<>();
      PathInfoServiceGrpc.newStub(channel)
          .list(
              ALL,
              slowClient(
                  call,
                  info -> {
                    received.add(info);
                    largestLead.accumulateAndGet(paths.pulled.get() - received.size(), Math::max);
                    call.get().request(1);
                  },
                  done));
      done.get(60, TimeUnit.SECONDS);
      assertEquals(stored, received);
      // The window, the server's 32 KiB on-ready threshold, and a window's worth of slack.
      int maxAhead = (2 * window + 32 * 1024) / messageBytes;
      assertTrue(
          largestLead.get() <= maxAhead,
          "server pulled " + largestLead.get() + " paths ahead of the client, at most " + maxAhead);
    } finally {
      channel.shutdownNow();
      server.stop(Duration.ofSeconds(5));
      pool.shutdownNow();
    }
  }

  @Test
  void cancellingTheCallClosesTheListing() throws Exception {
    storePaths(PATHS, 20);
    try (InProcessStore store = InProcessStore.serve(new PathInfoServiceGrpcAdapter(paths))) {
      ClientCall<ListPathInfoRequest, PathInfo> call =
          store.channel().newCall(PathInfoServiceGrpc.getListMethod(), CallOptions.DEFAULT);
      Iterator<PathInfo> stream = ClientCalls.blockingServerStreamingCall(call, ALL);
      stream.next();
      call.cancel("enough", null);
      assertTrue(paths.listClosed.await(10, TimeUnit.SECONDS));
      assertTrue(paths.pulled.get() < PATHS, "pulled " + paths.pulled.get());
    }
  }

  @Test
  void aListingThatBreaksEndsTheCallWithInternalAndIsClosed() throws Exception {
    storePaths(10, 20);
    paths.failListAfter = 4;
    try (InProcessStore store = InProcessStore.serve(new PathInfoServiceGrpcAdapter(paths))) {
      Iterator<PathInfo> stream = PathInfoServiceGrpc.newBlockingStub(store.channel()).list(ALL);
      int received = 0;
      Status status = Status.OK;
      try {
        while (stream.hasNext()) {
          stream.next();
          received++;
        }
      } catch (StatusRuntimeException e) {
        status = e.getStatus();
      }
      assertEquals(4, received);
      assertEquals(Status.Code.INTERNAL, status.getCode(), status.toString());
      assertTrue(paths.listClosed.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void anEmptyStoreListsNothing() throws Exception {
    try (InProcessStore store = InProcessStore.serve(new PathInfoServiceGrpcAdapter(paths))) {
      assertTrue(!PathInfoServiceGrpc.newBlockingStub(store.channel()).list(ALL).hasNext());
      assertTrue(paths.listClosed.await(10, TimeUnit.SECONDS));
    }
  }

  /** A client that asks for one message up front and leaves further requests to the test. */
  private static ClientResponseObserver<ListPathInfoRequest, PathInfo> slowClient(
      AtomicReference<ClientCallStreamObserver<ListPathInfoRequest>> call,
      java.util.function.Consumer<PathInfo> onMessage,
      CompletableFuture<Void> done) {
    return new ClientResponseObserver<>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<ListPathInfoRequest> requestStream) {
        call.set(requestStream);
        requestStream.disableAutoRequestWithInitial(1);
      }

      @Override
      public void onNext(PathInfo value) {
        onMessage.accept(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    };
  }
}
