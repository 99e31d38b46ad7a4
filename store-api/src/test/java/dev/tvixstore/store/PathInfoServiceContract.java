package dev.tvixstore.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.testing.Vectors;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import dev.tvixstore.testing.DirectoryFixtures;
import dev.tvixstore.testing.VectorPaths;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link PathInfoService} contract, over the real paths of the Nix vectors. Every backend
 * extends this class and supplies a fresh store; see STYLE.md §4.
 */
public abstract class PathInfoServiceContract {
  /**
   * A fresh store: the PathInfo service under test and the castore services it checks and renders
   * from. Public, not protected: a protected record's constructor cannot be called from a subclass
   * in another package, which is where the other backends' subclasses live.
   */
  public record Store(BlobService blobs, DirectoryService directories, PathInfoService paths) {}

  /** The store under test, fresh for each test. */
  protected Store store;

  /** Returns a new, empty store. */
  protected abstract Store newStore() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  static Stream<String> caseIds() {
    return Vectors.cases().stream().map(Vectors::id);
  }

  /** Ingests the vector case's NAR into the store and returns the PathInfo of its narinfo. */
  protected PathInfo ingest(String id) {
    return VectorPaths.ingestPathInfo(VectorPaths.byId(id), store.blobs(), store.directories());
  }

  @Test
  void unknownPathIsEmpty() {
    assertTrue(store.paths().get(new byte[20]).isEmpty());
  }

  @Test
  void digestOfWrongLengthIsRejected() {
    assertThrows(InvalidRequestException.class, () -> store.paths().get(new byte[19]));
    assertThrows(InvalidRequestException.class, () -> store.paths().get(new byte[32]));
  }

  @ParameterizedTest
  @MethodSource("caseIds")
  void putThenGetReturnsSamePathInfo(String id) {
    PathInfo info = ingest(id);
    assertEquals(info, store.paths().put(info));
    PathInfo got = store.paths().get(info.storePath().digest()).orElseThrow();
    assertEquals(info, got);
    assertEquals(info.storePath(), got.storePath());
    assertEquals(info.references(), got.references());
    assertEquals(info.signatures(), got.signatures());
    assertEquals(info.deriver(), got.deriver());
    assertEquals(info.ca(), got.ca());
  }

  @ParameterizedTest
  @MethodSource("caseIds")
  void calculateNarEqualsWhatNixComputed(String id) throws Exception {
    JsonObject c = VectorPaths.byId(id);
    PathInfo info = ingest(id);
    NarCalculation nar = store.paths().calculateNar(info.node());
    assertEquals(c.get("nar_size").getAsLong(), nar.narSize());
    assertEquals(c.get("nar_sha256_nixbase32").getAsString(), nar.narSha256().toNixbase32());
    assertEquals(Files.size(Vectors.nar(c)), nar.narSize());
    // Cached or not, the answer is the same, also for the unnamed root.
    assertEquals(nar, store.paths().calculateNar(info.node().withName(PathComponent.EMPTY)));
  }

  @Test
  void putOfIdenticalPathInfoIsIdempotent() {
    PathInfo info = ingest("tree");
    store.paths().put(info);
    assertEquals(info, store.paths().put(info));
    try (Stream<PathInfo> all = store.paths().list()) {
      assertEquals(1, all.count());
    }
  }

  @Test
  void secondPutMergesSignatures() {
    PathInfo signed = ingest("with-refs");
    PathInfo unsigned = signed.withSignatures(List.of());
    PathInfo other = new PathInfo(signed.storePath(), signed.node(), signed.references(),
        signed.narSize(), signed.narSha256(),
        List.of(new NarSignature("other-cache-1", new byte[64])),
        signed.deriver(), signed.ca());
    store.paths().put(new PathInfo(signed.storePath(), signed.node(), signed.references(),
        signed.narSize(), signed.narSha256(), List.of(), signed.deriver(), signed.ca()));
    store.paths().put(signed);
    PathInfo merged = store.paths().put(other);
    assertEquals(2, merged.signatures().size());
    assertEquals(merged, store.paths().get(signed.storePath().digest()).orElseThrow());
    assertTrue(unsigned.sameContentAs(merged));
  }

  @Test
  void putOfOtherContentsForStoredPathIsRejected() {
    PathInfo info = ingest("regular-file");
    store.paths().put(info);
    PathInfo liar = new PathInfo(info.storePath(), info.node(), info.references(),
        info.narSize() + 8, info.narSha256(), List.of(), info.deriver(), info.ca());
    var e = assertThrows(InvalidPathInfoException.class, () -> store.paths().put(liar));
    assertEquals(Rule.CONFLICTS_WITH_STORED, e.rule());
    assertEquals(info, store.paths().get(info.storePath().digest()).orElseThrow());
  }

  @Test
  void putOfOtherReferencesForStoredPathIsRejected() {
    PathInfo info = ingest("input-addressed");
    store.paths().put(info);
    PathInfo other = new PathInfo(info.storePath(), info.node(), List.of(), info.narSize(),
        info.narSha256(), info.signatures(), info.deriver(), info.ca());
    var e = assertThrows(InvalidPathInfoException.class, () -> store.paths().put(other));
    assertEquals(Rule.CONFLICTS_WITH_STORED, e.rule());
    assertEquals(info, store.paths().get(info.storePath().digest()).orElseThrow());
  }

  @Test
  void aSignatureStoredAlreadyIsKeptOnce() {
    PathInfo signed = ingest("tree");
    assertEquals(1, signed.signatures().size());
    store.paths().put(signed);
    assertEquals(signed, store.paths().put(signed.withSignatures(signed.signatures())));
    assertEquals(signed.signatures(),
        store.paths().get(signed.storePath().digest()).orElseThrow().signatures());
  }

  @Test
  void concurrentPutsOfOnePathAllSucceedAndKeepEverySignature() throws Exception {
    PathInfo info = ingest("tree");
    PathInfo base = new PathInfo(info.storePath(), info.node(), info.references(),
        info.narSize(), info.narSha256(), List.of(), info.deriver(), info.ca());
    int puts = 8;
    ExecutorService pool = Executors.newFixedThreadPool(puts);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<PathInfo>> results = new ArrayList<>();
      Set<NarSignature> all = new HashSet<>();
      for (int i = 0; i < puts; i++) {
        byte[] data = new byte[64];
        new Random(i).nextBytes(data);
        // Two keys of the same name: Nix keeps both, so must we.
        NarSignature sig = new NarSignature("cache-" + (i % 4), data);
        all.add(sig);
        PathInfo signed = base.withSignatures(List.of(sig));
        results.add(pool.submit(() -> {
          start.await();
          return store.paths().put(signed);
        }));
      }
      start.countDown();
      for (Future<PathInfo> r : results) {
        assertTrue(base.sameContentAs(r.get()));
      }
      PathInfo stored = store.paths().get(base.storePath().digest()).orElseThrow();
      assertEquals(all, Set.copyOf(stored.signatures()));
      try (Stream<PathInfo> list = store.paths().list()) {
        assertEquals(List.of(stored), list.toList());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listOfAnEmptyStoreIsEmpty() {
    try (Stream<PathInfo> all = store.paths().list()) {
      assertEquals(0, all.count());
    }
  }

  @Test
  void putWithoutItsBlobIsRejected() {
    PathInfo info = VectorPaths.ingestPathInfo(VectorPaths.byId("regular-file"),
        new dev.tvixstore.castore.blob.InMemoryBlobService(), store.directories());
    var e = assertThrows(InvalidPathInfoException.class, () -> store.paths().put(info));
    assertEquals(Rule.CONTENT_MISSING, e.rule());
    assertTrue(e.getMessage().contains(((FileNode) info.node()).digest().toHex()), e.getMessage());
    assertTrue(store.paths().get(info.storePath().digest()).isEmpty());
  }

  @Test
  void putWithoutItsDirectoriesIsRejected() {
    PathInfo info = VectorPaths.ingestPathInfo(VectorPaths.byId("tree"), store.blobs(),
        new dev.tvixstore.castore.directory.InMemoryDirectoryService());
    var e = assertThrows(InvalidPathInfoException.class, () -> store.paths().put(info));
    assertEquals(Rule.CONTENT_MISSING, e.rule());
    assertTrue(store.paths().get(info.storePath().digest()).isEmpty());
  }

  @Test
  void putWithoutABlobDeepInTheTreeIsRejected() {
    PathInfo info = VectorPaths.ingestPathInfo(VectorPaths.byId("tree"),
        new dev.tvixstore.castore.blob.InMemoryBlobService(), store.directories());
    var e = assertThrows(InvalidPathInfoException.class, () -> store.paths().put(info));
    assertEquals(Rule.CONTENT_MISSING, e.rule());
  }

  @Test
  void symlinkPathNeedsNoContent() {
    PathInfo info = ingest("symlink-root");
    assertEquals(info, store.paths().put(info));
  }

  @Test
  void listReturnsEveryPathPut() {
    Set<StorePath> expected = new HashSet<>();
    for (JsonObject c : Vectors.cases()) {
      PathInfo info = VectorPaths.ingestPathInfo(c, store.blobs(), store.directories());
      store.paths().put(info);
      expected.add(info.storePath());
    }
    try (Stream<PathInfo> all = store.paths().list()) {
      assertEquals(expected, all.map(PathInfo::storePath).collect(Collectors.toSet()));
    }
  }

  @Test
  void calculateNarOfMissingContentIsNotFound() {
    Node missing = new FileNode(PathComponent.EMPTY, B3Digest.hash(new byte[] {1, 2, 3}), 3, false);
    assertThrows(NotFoundException.class, () -> store.paths().calculateNar(missing));
    Node missingDir = DirectoryFixtures.child("x", DirectoryFixtures.D);
    assertThrows(NotFoundException.class, () -> store.paths().calculateNar(missingDir));
  }

  @Test
  void storedPathRendersTheSignedFingerprint() {
    JsonObject c = VectorPaths.byId("input-addressed");
    PathInfo info = store.paths().put(ingest("input-addressed"));
    assertEquals(c.get("fingerprint").getAsString(), info.fingerprint());
    assertEquals(Optional.of(info), store.paths().get(info.storePath().digest()));
    assertArrayEquals(info.narSha256().digest(),
        NixHash.parseAnyPrefixed("sha256:" + c.get("nar_sha256_nixbase32").getAsString()).digest());
  }
}
