package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.HashingOutputStream;
import dev.tvixstore.protos.castore.Directory;
import dev.tvixstore.protos.castore.GetDirectoryRequest;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import dev.tvixstore.protos.castore.StatBlobResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The castore gRPC services of the running jar (H2 default), seen by a tvix client: blob round
 * trips in odd message sizes, chunk lists, every Directory rule of DESIGN §2, and the status codes
 * of DESIGN §4.
 */
class CastoreGrpcIT {

  @TempDir static Path tmp;
  private static RunningStore store;
  private static CastoreClient client;

  @BeforeAll
  static void startStore() throws Exception {
    store = RunningStore.start("castore-grpc", tmp.resolve("data"), Map.of());
    client = new CastoreClient(store.grpcPort());
  }

  @AfterAll
  static void stopStore() throws Exception {
    if (client != null) {
      client.close();
    }
    if (store != null) {
      try {
        store.stop();
      } finally {
        store.close();
      }
    }
  }

  private static ByteString bytes(B3Digest digest) {
    return ByteString.copyFrom(digest.toBytes());
  }

  @Test
  void emptyBlobExistsAndPutsAndReadsAsNothing() {
    ByteString empty = bytes(B3Digest.EMPTY);
    client.stat(empty, true); // no NOT_FOUND: it always exists
    assertEquals(empty, client.put(InputStream.nullInputStream(), 7));
    assertEquals(new CastoreClient.ReadResult(0, B3Digest.EMPTY, 0), client.read(empty));
  }

  @Test
  void oneByteBlobRoundTrips() {
    byte[] one = {42};
    ByteString digest = client.put(new ByteArrayInputStream(one), 1);
    assertEquals(bytes(B3Digest.hash(one)), digest);
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    client.read(digest, back);
    assertEquals(List.of((byte) 42), List.of(back.toByteArray()[0]));
    assertEquals(1, back.size());
  }

  @Test
  void hundredMebibyteBlobInOddMessagesRoundTripsAndItsChunksConcatenateToIt() {
    long size = 100L << 20;
    B3Digest expected = SeededContent.digest(4711, size);
    // Odd sizes that straddle chunk boundaries and the 1 MiB read piece, never aligned.
    ByteString digest = client.put(new SeededContent(4711, size), 1, 65_537, 999_999, 3, 1_048_577);
    assertEquals(bytes(expected), digest);

    CastoreClient.ReadResult read = client.read(digest);
    assertEquals(size, read.size());
    assertEquals(expected, read.blake3());
    assertTrue(read.pieces() >= 100, "pieces: " + read.pieces());

    StatBlobResponse stat = client.stat(digest, true);
    // 100 MiB at 256 KiB average: several hundred chunks; a chunker that never cut would show 1.
    assertTrue(stat.getChunksCount() > 200, "chunks: " + stat.getChunksCount());
    HashingOutputStream concatenated = HashingOutputStream.blake3(OutputStream.nullOutputStream());
    for (StatBlobResponse.ChunkMeta chunk : stat.getChunksList()) {
      assertTrue(chunk.getSize() <= 1 << 20, "chunk of " + chunk.getSize() + " bytes");
      CastoreClient.ReadResult piece = client.read(chunk.getDigest(), concatenated);
      assertEquals(chunk.getSize(), piece.size());
      assertEquals(chunk.getDigest(), bytes(piece.blake3()));
    }
    assertEquals(size, concatenated.byteCount());
    assertEquals(expected, concatenated.blake3Digest());
  }

  @Test
  void unknownDigestsAreNotFound() {
    ByteString unknown = BrokenClosures.randomDigest();
    assertStatus(Status.Code.NOT_FOUND, () -> client.stat(unknown, false));
    assertStatus(Status.Code.NOT_FOUND, () -> client.read(unknown));
    assertStatus(Status.Code.NOT_FOUND, () -> getDirectory(unknown, false));
    assertStatus(Status.Code.NOT_FOUND, () -> getDirectory(unknown, true));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 20, 31, 33, 64})
  void wrongLengthDigestsAreInvalidArgument(int length) {
    ByteString digest = ByteString.copyFrom(new byte[length]);
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> client.stat(digest, true));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        () -> client.blobs().read(ReadBlobRequest.newBuilder().setDigest(digest).build()).next());
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> getDirectory(digest, false));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> getDirectory(digest, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tvixstore.web.it.BrokenClosures#all")
  void everyDirectoryRuleIsRejectedAndNothingOfTheStreamStored(BrokenClosures broken) {
    StatusRuntimeException e =
        assertStatus(
            Status.Code.INVALID_ARGUMENT, () -> DirectoryPuts.put(client.channel(), broken.stream()));
    assertTrue(
        e.getStatus().getDescription().startsWith(broken.rule()),
        "description should name " + broken.rule() + ": " + e.getStatus().getDescription());
    for (ByteString digest : broken.neverStored()) {
      assertStatus(Status.Code.NOT_FOUND, () -> getDirectory(digest, false));
    }
  }

  @Test
  void emptyDirectoryPutIsInvalidArgument() {
    StatusRuntimeException e =
        assertStatus(
            Status.Code.INVALID_ARGUMENT, () -> DirectoryPuts.put(client.channel(), List.of()));
    assertTrue(e.getStatus().getDescription().startsWith("EMPTY_CLOSURE"), e.getMessage());
  }

  @Test
  void closurePutsOnceAndComesBackBreadthFirst() {
    Directory leaf = BrokenClosures.uniqueLeaf();
    Directory middle =
        Directory.newBuilder()
            .addDirectories(BrokenClosures.dirNode("leaf", BrokenClosures.digest(leaf), 1))
            .build();
    Directory root =
        Directory.newBuilder()
            .addDirectories(BrokenClosures.dirNode("a", BrokenClosures.digest(leaf), 1))
            .addDirectories(BrokenClosures.dirNode("b", BrokenClosures.digest(middle), 2))
            .addSymlinks(BrokenClosures.symlink("c", "a"))
            .build();
    // The leaf twice in one stream is allowed and stored once.
    ByteString rootDigest = DirectoryPuts.put(client.channel(), List.of(leaf, leaf, middle, root));
    assertEquals(BrokenClosures.digest(root), rootDigest);

    assertEquals(List.of(root), getDirectory(rootDigest, false));
    assertEquals(List.of(root, leaf, middle), getDirectory(rootDigest, true));
    assertEquals(List.of(middle, leaf), getDirectory(BrokenClosures.digest(middle), true));
  }

  /**
   * 16 clients, each on its own connection, put blobs made mostly of the same few runs of bytes
   * (so their chunks collide in the store at the same moments) for a bounded time, and read each
   * one back.
   */
  @Test
  void sixteenConcurrentClientsPuttingOverlappingContentReadEverythingBackIntact()
      throws Exception {
    int clients = 16;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long[] shared = {700_001, 900_000, 1_100_000, 1_300_003, 250_000, 1_500_000};
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Integer>> rounds = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int id = c;
        rounds.add(
            pool.submit(
                () -> {
                  SplittableRandom pick = new SplittableRandom(id);
                  int done = 0;
                  try (CastoreClient own = new CastoreClient(store.grpcPort())) {
                    while (done < 1 || (done < 10 && System.nanoTime() < deadline)) {
                      List<SeededContent.Segment> segments = new ArrayList<>();
                      for (int s = 0; s < 3; s++) {
                        int which = pick.nextInt(shared.length);
                        segments.add(new SeededContent.Segment(which, shared[which]));
                      }
                      segments.add(
                          new SeededContent.Segment(
                              1_000_000L * (id + 1) + done, pick.nextInt(1, 300_000)));
                      ByteString expected = bytes(SeededContent.digest(segments));
                      assertEquals(expected, own.put(SeededContent.of(segments), 65_536 + id));
                      assertEquals(expected, bytes(own.read(expected).blake3()));
                      done++;
                    }
                  }
                  return done;
                }));
      }
      for (Future<Integer> r : rounds) {
        assertTrue(r.get(5, TimeUnit.MINUTES) >= 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Directory> getDirectory(ByteString digest, boolean recursive) {
    List<Directory> got = new ArrayList<>();
    client
        .directories()
        .get(GetDirectoryRequest.newBuilder().setDigest(digest).setRecursive(recursive).build())
        .forEachRemaining(got::add);
    return got;
  }

  static StatusRuntimeException assertStatus(Status.Code code, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode(), String.valueOf(e.getStatus()));
    return e;
  }
}
