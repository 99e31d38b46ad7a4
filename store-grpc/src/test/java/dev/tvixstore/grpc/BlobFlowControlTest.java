package dev.tvixstore.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.HashingOutputStream;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedBlobService;
import dev.tvixstore.grpc.testing.RawCalls;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.PutBlobResponse;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import dev.tvixstore.testing.BlobFixtures;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Neither direction makes the server hold a whole blob: Read reads only as fast as a slow client
 * takes pieces; Put asks for the next message only after the last one was written.
 */
class BlobFlowControlTest {

  private static final int MIB = 1 << 20;

  private static B3Digest store(BlobService blobs, byte[] data) throws IOException {
    try (BlobWriter w = blobs.openWrite()) {
      w.write(data);
      return w.commit();
    }
  }

  /**
   * Reads {@code digest} taking one piece at a time, and checks at every piece that the server has
   * read at most {@code maxAhead} bytes more than the client has received.
   */
  private static void readSlowly(
      Channel channel, B3Digest digest, InstrumentedBlobService backend, long size, long maxAhead)
      throws Exception {
    CompletableFuture<B3Digest> done = new CompletableFuture<>();
    AtomicLong largestLead = new AtomicLong();
    BlobServiceGrpc.newStub(channel)
        .read(
            ReadBlobRequest.newBuilder().setDigest(ByteString.copyFrom(digest.toBytes())).build(),
            new ClientResponseObserver<ReadBlobRequest, BlobChunk>() {
              private ClientCallStreamObserver<ReadBlobRequest> call;
              private final HashingOutputStream hasher =
                  HashingOutputStream.blake3(OutputStream.nullOutputStream());
              private long received;

              @Override
              public void beforeStart(ClientCallStreamObserver<ReadBlobRequest> requestStream) {
                call = requestStream;
                requestStream.disableAutoRequestWithInitial(1);
              }

              @Override
              public void onNext(BlobChunk piece) {
                received += piece.getData().size();
                try {
                  piece.getData().writeTo(hasher);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                largestLead.accumulateAndGet(backend.bytesRead.get() - received, Math::max);
                call.request(1);
              }

              @Override
              public void onError(Throwable t) {
                done.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {
                assertEquals(size, received);
                done.complete(hasher.blake3Digest());
              }
            });
    assertEquals(digest, done.get(60, TimeUnit.SECONDS));
    assertTrue(
        largestLead.get() <= maxAhead,
        "server read " + largestLead.get() + " bytes ahead of the client, at most " + maxAhead);
  }

  @Test
  void readInProcessReadsNothingTheClientHasNotAskedFor() throws Exception {
    InstrumentedBlobService backend = new InstrumentedBlobService(new InMemoryBlobService());
    byte[] data = BlobFixtures.random(16 * MIB, 8);
    B3Digest digest = store(backend, data);
    // Direct executors: every callback runs on the thread that caused it, so when start() or
    // request(1) returns, the server has done all it was going to do in reaction.
    try (InProcessStore store = InProcessStore.serveDirect(new BlobServiceGrpcAdapter(backend))) {
      AtomicLong received = new AtomicLong();
      CompletableFuture<Void> done = new CompletableFuture<>();
      AtomicReference<ClientCallStreamObserver<ReadBlobRequest>> call = new AtomicReference<>();
      BlobServiceGrpc.newStub(store.channel())
          .read(
              ReadBlobRequest.newBuilder().setDigest(ByteString.copyFrom(digest.toBytes())).build(),
              new ClientResponseObserver<ReadBlobRequest, BlobChunk>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<ReadBlobRequest> stream) {
                  call.set(stream);
                  stream.disableAutoRequestWithInitial(1);
                }

                @Override
                public void onNext(BlobChunk piece) {
                  received.addAndGet(piece.getData().size());
                }

                @Override
                public void onError(Throwable t) {
                  done.completeExceptionally(t);
                }

                @Override
                public void onCompleted() {
                  done.complete(null);
                }
              });
      for (int asked = 1; !done.isDone(); asked++) {
        assertEquals(Math.min(asked, 16) * (long) MIB, received.get());
        assertEquals(received.get(), backend.bytesRead.get(), "read ahead of the client");
        call.get().request(1);
      }
      done.get();
      assertEquals(data.length, received.get());
    }
  }

  @Test
  void readOverHttp2IsBoundedByTheFlowControlWindow() throws Exception {
    InstrumentedBlobService backend = new InstrumentedBlobService(new InMemoryBlobService());
    byte[] data = BlobFixtures.random(48 * MIB, 9);
    B3Digest digest = store(backend, data);
    ExecutorService pool = StoreGrpcServer.boundedExecutor(Executors.defaultThreadFactory(), 2, 8);
    StoreGrpcServer server =
        StoreGrpcServer.netty(
                new GrpcServerSettings("127.0.0.1", 0, 4 * MIB),
                pool,
                List.of(
                    new BlobServiceGrpcAdapter(backend),
                    new DirectoryServiceGrpcAdapter(new InMemoryDirectoryService())))
            .start();
    // A fixed window (no auto-tuning): the client buffers at most 1 MiB it has not asked for.
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .usePlaintext()
            .flowControlWindow(MIB)
            .build();
    try {
      // Window + the message being received + the piece queued on the server + slack.
      readSlowly(channel, digest, backend, data.length, 6L * MIB);
    } finally {
      channel.shutdownNow();
      server.stop(Duration.ofSeconds(5));
      pool.shutdownNow();
    }
  }

  @Test
  void putAsksForTheNextMessageOnlyAfterWritingTheLast() throws Exception {
    InstrumentedBlobService backend = new InstrumentedBlobService(new InMemoryBlobService());
    backend.hold = true;
    byte[] data = BlobFixtures.random(4 * MIB, 10);
    try (InProcessStore store = InProcessStore.serve(new BlobServiceGrpcAdapter(backend))) {
      CompletableFuture<PutBlobResponse> answer = new CompletableFuture<>();
      CountDownLatch ready = new CountDownLatch(1);
      var sink = RawCalls.completing(answer);
      AtomicReference<ClientCallStreamObserver<BlobChunk>> requests = new AtomicReference<>();
      BlobServiceGrpc.newStub(store.channel())
          .put(
              new ClientResponseObserver<BlobChunk, PutBlobResponse>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<BlobChunk> requestStream) {
                  requests.set(requestStream);
                  requestStream.setOnReadyHandler(ready::countDown);
                }

                @Override
                public void onNext(PutBlobResponse value) {
                  sink.onNext(value);
                }

                @Override
                public void onError(Throwable t) {
                  sink.onError(t);
                }

                @Override
                public void onCompleted() {
                  sink.onCompleted();
                }
              });
      assertTrue(ready.await(10, TimeUnit.SECONDS));
      requests.get().onNext(piece(data, 0));
      assertTrue(backend.entered.await(10, TimeUnit.SECONDS), "server writes the first piece");
      // The in-process transport's readiness is the server's count of requested messages.
      assertFalse(requests.get().isReady(), "server asked for more while still writing");
      backend.release.countDown();
      for (int i = 1; i < 4; i++) {
        requests.get().onNext(piece(data, i)); // in-process buffers these; readiness was the test
      }
      requests.get().onCompleted();
      assertEquals(
          B3Digest.hash(data),
          B3Digest.of(RawCalls.outcome(answer).orFail().getDigest().toByteArray()));
    }
  }

  private static BlobChunk piece(byte[] data, int i) {
    return BlobChunk.newBuilder().setData(ByteString.copyFrom(data, i * MIB, MIB)).build();
  }
}
