package dev.tvixstore.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.grpc.testing.ChunkingBlobService;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedBlobService;
import dev.tvixstore.grpc.testing.RawCalls;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.PutBlobResponse;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.protos.castore.StatBlobResponse;
import dev.tvixstore.testing.BlobFixtures;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BlobService over the wire, spoken to with raw stubs: what any tvix client would see. */
class BlobServiceGrpcAdapterTest {

  private static final int MIB = 1 << 20;

  private InProcessStore store;

  private BlobServiceGrpc.BlobServiceBlockingStub serve(BlobService backend) {
    store = InProcessStore.serve(new BlobServiceGrpcAdapter(backend));
    return BlobServiceGrpc.newBlockingStub(store.channel());
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
  }

  private RawCalls.Outcome<PutBlobResponse> put(List<byte[]> messages) {
    List<BlobChunk> chunks = new ArrayList<>();
    for (byte[] m : messages) {
      chunks.add(BlobChunk.newBuilder().setData(ByteString.copyFrom(m)).build());
    }
    return RawCalls.clientStream(BlobServiceGrpc.newStub(store.channel())::put, chunks);
  }

  private static List<ByteString> read(BlobServiceGrpc.BlobServiceBlockingStub stub, B3Digest d) {
    List<ByteString> pieces = new ArrayList<>();
    stub.read(readRequest(d)).forEachRemaining(c -> pieces.add(c.getData()));
    return pieces;
  }

  private static byte[] concat(List<ByteString> pieces) {
    return pieces.stream().reduce(ByteString.EMPTY, ByteString::concat).toByteArray();
  }

  private static ReadBlobRequest readRequest(B3Digest d) {
    return ReadBlobRequest.newBuilder().setDigest(ByteString.copyFrom(d.toBytes())).build();
  }

  private static StatBlobRequest statRequest(B3Digest d, boolean chunks) {
    return StatBlobRequest.newBuilder()
        .setDigest(ByteString.copyFrom(d.toBytes()))
        .setSendChunks(chunks)
        .build();
  }

  private static B3Digest digestOf(PutBlobResponse response) {
    return B3Digest.of(response.getDigest().toByteArray());
  }

  @Test
  void putIgnoresMessageBoundaries() {
    var stub = serve(new InMemoryBlobService());
    byte[] data = BlobFixtures.random(3 * MIB + 5, 1);
    List<byte[]> oneByteEach = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      oneByteEach.add(new byte[] {data[i]});
    }
    assertEquals(B3Digest.hash(Arrays.copyOf(data, 1000)), digestOf(put(oneByteEach).orFail()));

    List<byte[]> odd =
        List.of(
            Arrays.copyOfRange(data, 0, 1),
            Arrays.copyOfRange(data, 1, 1 + MIB + 1),
            new byte[0],
            Arrays.copyOfRange(data, 2 + MIB, 3 * MIB),
            Arrays.copyOfRange(data, 3 * MIB, data.length));
    B3Digest digest = digestOf(put(odd).orFail());
    assertEquals(B3Digest.hash(data), digest);
    assertArrayEquals(data, concat(read(stub, digest)));
  }

  @Test
  void putOfAnEmptyStreamIsTheEmptyBlob() {
    var stub = serve(new InMemoryBlobService());
    assertEquals(B3Digest.EMPTY, digestOf(put(List.of()).orFail()));
    assertEquals(List.of(), read(stub, B3Digest.EMPTY));
  }

  @Test
  void readSendsPiecesOfAtMostOneMebibyte() {
    var stub = serve(new InMemoryBlobService());
    byte[] data = BlobFixtures.random(5 * MIB + 3, 2);
    B3Digest digest = digestOf(put(List.of(data)).orFail());
    List<ByteString> pieces = read(stub, digest);
    assertEquals(6, pieces.size());
    assertTrue(pieces.stream().allMatch(p -> p.size() <= MIB), "pieces of at most 1 MiB");
    assertArrayEquals(data, concat(pieces));
  }

  @Test
  void statWithSendChunksListsChunksThatReadServes() {
    var stub = serve(new ChunkingBlobService(400_000));
    byte[] data = BlobFixtures.random(2 * MIB, 3);
    B3Digest digest = digestOf(put(List.of(data)).orFail());
    StatBlobResponse stat = stub.stat(statRequest(digest, true));
    assertEquals(6, stat.getChunksCount());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (StatBlobResponse.ChunkMeta chunk : stat.getChunksList()) {
      byte[] bytes = concat(read(stub, B3Digest.of(chunk.getDigest().toByteArray())));
      assertEquals(chunk.getSize(), bytes.length);
      assertEquals(B3Digest.of(chunk.getDigest().toByteArray()), B3Digest.hash(bytes));
      joined.writeBytes(bytes);
    }
    assertArrayEquals(data, joined.toByteArray());
  }

  @Test
  void statOfAnUnchunkedBlobListsTheBlobAsItsOnlyChunk() {
    var stub = serve(new InMemoryBlobService());
    B3Digest digest = digestOf(put(List.of(BlobFixtures.SMALL)).orFail());
    StatBlobResponse stat = stub.stat(statRequest(digest, true));
    assertEquals(1, stat.getChunksCount());
    assertEquals(ByteString.copyFrom(digest.toBytes()), stat.getChunks(0).getDigest());
    assertEquals(BlobFixtures.SMALL.length, stat.getChunks(0).getSize());
  }

  @Test
  void statWithoutSendChunksIsEmptyAndSendBaoIsIgnored() {
    var stub = serve(new ChunkingBlobService(400_000));
    B3Digest digest = digestOf(put(List.of(BlobFixtures.random(MIB, 4))).orFail());
    StatBlobResponse stat =
        stub.stat(statRequest(digest, false).toBuilder().setSendBao(true).build());
    assertEquals(StatBlobResponse.getDefaultInstance(), stat);
  }

  @Test
  void unknownDigestIsNotFound() {
    var stub = serve(new InMemoryBlobService());
    B3Digest unknown = B3Digest.hash(new byte[] {1, 2, 3});
    assertStatus(Status.Code.NOT_FOUND, () -> stub.stat(statRequest(unknown, true)));
    assertStatus(Status.Code.NOT_FOUND, () -> stub.read(readRequest(unknown)).hasNext());
  }

  @Test
  void digestOfWrongLengthIsInvalidArgumentNamingTheField() {
    var stub = serve(new InMemoryBlobService());
    for (int length : new int[] {0, 31, 33}) {
      ByteString digest = ByteString.copyFrom(new byte[length]);
      Status stat =
          assertStatus(
              Status.Code.INVALID_ARGUMENT,
              () -> stub.stat(StatBlobRequest.newBuilder().setDigest(digest).build()));
      assertEquals("StatBlobRequest.digest must be 32 bytes, got " + length, stat.getDescription());
      Status read =
          assertStatus(
              Status.Code.INVALID_ARGUMENT,
              () -> stub.read(ReadBlobRequest.newBuilder().setDigest(digest).build()).hasNext());
      assertEquals("ReadBlobRequest.digest must be 32 bytes, got " + length, read.getDescription());
    }
  }

  @Test
  void dataLossMidStreamEndsTheCallWithDataLoss() throws Exception {
    InstrumentedBlobService backend = new InstrumentedBlobService(new InMemoryBlobService());
    var stub = serve(backend);
    B3Digest digest = digestOf(put(List.of(BlobFixtures.random(5 * MIB, 5))).orFail());
    backend.failAfter = 2L * MIB + 5;
    Iterator<BlobChunk> pieces = stub.read(readRequest(digest));
    assertEquals(MIB, pieces.next().getData().size());
    assertEquals(MIB, pieces.next().getData().size());
    // The piece holding the damaged bytes is never sent, and the stream never ends normally.
    Status status = assertStatus(Status.Code.DATA_LOSS, () -> pieces.forEachRemaining(p -> {}));
    assertTrue(status.getDescription().contains("corrupt"), status.getDescription());
    assertTrue(backend.readerClosed.await(10, TimeUnit.SECONDS));
  }

  @Test
  void failuresOfTheBackendAreMappedNotLeaked() {
    InstrumentedBlobService backend = new InstrumentedBlobService(new InMemoryBlobService());
    backend.failAfter = 0;
    var stub = serve(backend);
    B3Digest digest = digestOf(put(List.of(BlobFixtures.SMALL)).orFail());
    Status failed =
        assertStatus(
            Status.Code.DATA_LOSS, () -> stub.read(readRequest(digest)).forEachRemaining(p -> {}));
    assertFalse(failed.getDescription().isEmpty());

    serve(new BrokenWriterBlobService());
    Status internal = put(List.of(BlobFixtures.SMALL)).status();
    assertEquals(Status.Code.INTERNAL, internal.getCode());
    assertEquals("internal storage error", internal.getDescription());
  }

  @Test
  void cancelledPutStoresNothing() throws Exception {
    InstrumentedBlobService backend = new InstrumentedBlobService(new InMemoryBlobService());
    var stub = serve(backend);
    byte[] data = BlobFixtures.random(MIB, 6);
    var requests =
        ClientCalls.asyncClientStreamingCall(
            store.channel().newCall(BlobServiceGrpc.getPutMethod(), CallOptions.DEFAULT),
            RawCalls.<PutBlobResponse>completing(new CompletableFuture<>()));
    requests.onNext(BlobChunk.newBuilder().setData(ByteString.copyFrom(data)).build());
    requests.onError(new IllegalStateException("client gives up"));
    assertTrue(backend.writerDiscarded.await(10, TimeUnit.SECONDS));
    assertStatus(Status.Code.NOT_FOUND, () -> stub.stat(statRequest(B3Digest.hash(data), false)));
  }

  @Test
  void cancelledReadClosesTheReader() throws Exception {
    InstrumentedBlobService backend = new InstrumentedBlobService(new InMemoryBlobService());
    serve(backend);
    B3Digest digest = digestOf(put(List.of(BlobFixtures.random(5 * MIB, 7))).orFail());
    ClientCall<ReadBlobRequest, BlobChunk> call =
        store.channel().newCall(BlobServiceGrpc.getReadMethod(), CallOptions.DEFAULT);
    Iterator<BlobChunk> pieces = ClientCalls.blockingServerStreamingCall(call, readRequest(digest));
    assertEquals(MIB, pieces.next().getData().size());
    call.cancel("enough", null);
    assertTrue(backend.readerClosed.await(10, TimeUnit.SECONDS));
  }

  private static Status assertStatus(Status.Code code, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    return e.getStatus();
  }

  /** A backend whose writers fail as storage does: the client must see INTERNAL, no detail. */
  private static final class BrokenWriterBlobService implements BlobService {
    private final InMemoryBlobService inner = new InMemoryBlobService();

    @Override
    public Optional<BlobReader> openRead(B3Digest d) {
      return inner.openRead(d);
    }

    @Override
    public Optional<BlobStat> stat(B3Digest d, boolean c) {
      return inner.stat(d, c);
    }

    @Override
    public BlobWriter openWrite() {
      return new BlobWriter() {
        @Override
        public void write(byte[] b, int off, int len) {
          throw new StorageException("disk /srv/data full", new IOException("ENOSPC"));
        }

        @Override
        public B3Digest commit() {
          throw new IllegalStateException("never written");
        }

        @Override
        public long bytesWritten() {
          return 0;
        }
      };
    }
  }
}
