package dev.tvixstore.grpc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.grpc.BlobServiceGrpcAdapter;
import dev.tvixstore.grpc.testing.Await;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedBlobService;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.protos.castore.StatBlobResponse;
import dev.tvixstore.testing.BlobFixtures;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the blob client behaves beyond the contract: verification, seeks, flow control. */
class GrpcBlobServiceTest {

  private static final int MIB = 1 << 20;

  private final InstrumentedBlobService backend =
      new InstrumentedBlobService(new InMemoryBlobService());
  private InProcessStore store;

  private GrpcBlobService client() {
    return client(new BlobServiceGrpcAdapter(backend));
  }

  private GrpcBlobService client(io.grpc.BindableService server) {
    store = InProcessStore.serve(server);
    return new GrpcBlobService(store.channel());
  }

  @AfterEach
  void stop() {
    backend.release.countDown();
    store.close();
  }

  private B3Digest putDirectly(byte[] data) throws IOException {
    try (BlobWriter w = backend.openWrite()) {
      w.write(data);
      return w.commit();
    }
  }

  @Test
  void contentThatDoesNotHashToItsDigestIsDataLoss() throws IOException {
    GrpcBlobService blobs = client();
    byte[] data = BlobFixtures.random(3 * MIB + 1, 20);
    B3Digest digest = putDirectly(data);
    backend.corrupt = true;
    try (BlobReader reader = blobs.openRead(digest).orElseThrow()) {
      byte[] buffer = new byte[3 * MIB];
      assertEquals(3 * MIB, reader.readNBytes(buffer, 0, 3 * MIB), "earlier pieces arrive");
      DataLossException e = assertThrows(DataLossException.class, reader::read);
      assertTrue(e.getMessage().contains("BLAKE3"), e.getMessage());
    }
    B3Digest small = putDirectly(BlobFixtures.SMALL);
    try (BlobReader reader = blobs.openRead(small).orElseThrow()) {
      // A one-piece blob is checked before any of its bytes is handed out.
      assertThrows(DataLossException.class, reader::read);
    }
  }

  @Test
  void dataLossOnTheServerIsDataLossHere() throws IOException {
    GrpcBlobService blobs = client();
    B3Digest digest = putDirectly(BlobFixtures.random(3 * MIB, 21));
    backend.failAfter = MIB + 1;
    try (BlobReader reader = blobs.openRead(digest).orElseThrow()) {
      assertThrows(DataLossException.class, () -> reader.readNBytes(3 * MIB));
    }
  }

  @Test
  void seekForwardSkipsInTheStreamAndBackwardStartsANewRead() throws IOException {
    GrpcBlobService blobs = client();
    byte[] data = BlobFixtures.random(3 * MIB, 22);
    B3Digest digest = putDirectly(data);
    try (BlobReader reader = blobs.openRead(digest).orElseThrow()) {
      assertEquals(0, backend.reads.get(), "nothing is read before the first read()");
      reader.seek(MIB + 7);
      assertArrayEquals(Arrays.copyOfRange(data, MIB + 7, MIB + 17), reader.readNBytes(10));
      reader.seek(2 * MIB);
      assertArrayEquals(Arrays.copyOfRange(data, 2 * MIB, 2 * MIB + 5), reader.readNBytes(5));
      assertEquals(1, backend.reads.get());
      reader.seek(3);
      assertArrayEquals(Arrays.copyOfRange(data, 3, 3 * MIB), reader.readAllBytes());
      assertEquals(2, backend.reads.get());
      assertEquals(-1, reader.read());
    }
  }

  @Test
  void closingAWriterWithoutCommitCancelsThePut() throws Exception {
    GrpcBlobService blobs = client();
    byte[] data = BlobFixtures.random(MIB, 23);
    try (BlobWriter writer = blobs.openWrite()) {
      writer.write(data);
    }
    assertTrue(backend.writerDiscarded.await(10, TimeUnit.SECONDS));
    assertFalse(blobs.has(B3Digest.hash(data)));
  }

  @Test
  void aWriterWaitsForTheServerInsteadOfBuffering() throws Exception {
    GrpcBlobService blobs = client();
    backend.hold = true;
    byte[] data = BlobFixtures.random(32 * MIB, 24);
    AtomicLong handedOver = new AtomicLong();
    InputStream source =
        new FilterInputStream(new ByteArrayInputStream(data)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            handedOver.addAndGet(Math.max(n, 0));
            return n;
          }
        };
    CompletableFuture<B3Digest> put = new CompletableFuture<>();
    Thread writerThread =
        new Thread(
            () -> {
              try (BlobWriter writer = blobs.openWrite()) {
                source.transferTo(writer);
                put.complete(writer.commit());
              } catch (Throwable t) {
                put.completeExceptionally(t);
              }
            });
    writerThread.start();
    assertTrue(backend.entered.await(10, TimeUnit.SECONDS), "the server is writing");
    Await.until(
        () -> writerThread.getState() == Thread.State.WAITING,
        Duration.ofSeconds(10),
        "the client waits for the transport");
    long pieces = handedOver.get() / GrpcBlobService.DEFAULT_WRITE_PIECE_BYTES;
    assertTrue(pieces <= 3, handedOver.get() + " bytes taken while the server was stuck");
    backend.release.countDown();
    assertEquals(B3Digest.hash(data), put.get(30, TimeUnit.SECONDS));
  }

  @Test
  void aServerThatListsNoChunksCostsOneCountedRead() throws IOException {
    byte[] data = BlobFixtures.random(2 * MIB + 3, 25);
    B3Digest digest = putDirectly(data);
    GrpcBlobService blobs = client(new ListsNoChunks(new BlobServiceGrpcAdapter(backend)));
    BlobStat stat = blobs.stat(digest, true).orElseThrow();
    assertEquals(data.length, stat.size());
    assertEquals(List.of(), stat.chunks());
    try (BlobReader reader = blobs.openRead(digest).orElseThrow()) {
      assertArrayEquals(data, reader.readAllBytes());
    }
  }

  /** Like tvix's server for a blob it does not chunk: Stat answers no chunk list. */
  private static final class ListsNoChunks extends BlobServiceGrpc.BlobServiceImplBase {
    private final BlobServiceGrpcAdapter real;

    ListsNoChunks(BlobServiceGrpcAdapter real) {
      this.real = real;
    }

    @Override
    public void stat(StatBlobRequest request, StreamObserver<StatBlobResponse> response) {
      real.stat(
          request,
          new StreamObserver<>() {
            @Override
            public void onNext(StatBlobResponse value) {
              response.onNext(StatBlobResponse.getDefaultInstance());
            }

            @Override
            public void onError(Throwable t) {
              response.onError(t);
            }

            @Override
            public void onCompleted() {
              response.onCompleted();
            }
          });
    }

    @Override
    public void read(ReadBlobRequest request, StreamObserver<BlobChunk> response) {
      real.read(request, response);
    }
  }
}
