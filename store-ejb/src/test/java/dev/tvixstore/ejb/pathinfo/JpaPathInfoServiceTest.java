package dev.tvixstore.ejb.pathinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.ejb.blob.FastCdc;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JpaPathInfoService} on H2 beyond the contract: lazy pages, the NAR calculation cache, the
 * rows a put leaves, and damaged rows.
 */
class JpaPathInfoServiceTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @TempDir Path root;
  private final AtomicInteger transactions = new AtomicInteger();
  private Transactions counting;
  private JpaStore store;

  @BeforeEach
  void open() throws Exception {
    counting = new Transactions() {
      @Override
      public <T> T inTransaction(Function<EntityManager, T> work) {
        transactions.incrementAndGet();
        return DB.transactions().inTransaction(work);
      }
    };
    store = JpaStore.open(DB, root, FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE), counting);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private PathInfo ingest(String id) {
    return VectorPaths.ingestPathInfo(VectorPaths.byId(id), store.blobs(), store.directories());
  }

  private void deleteChunksOf(FileNode file) throws Exception {
    for (BlobStat.ChunkMeta c : store.blobs().stat(file.digest(), true).orElseThrow().chunks()) {
      Files.delete(store.chunks().pathOf(c.digest()));
    }
  }

  @Test
  void listLoadsOnePageAtATimeInDigestOrder() {
    JpaPathInfoService paths =
        new JpaPathInfoService(counting, store.blobs(), store.directories(), 2);
    for (JsonObject c : Vectors.cases()) {
      paths.put(ingest(Vectors.id(c)));
    }
    transactions.set(0);
    try (Stream<PathInfo> all = paths.list()) {
      Iterator<PathInfo> it = all.iterator();
      it.next();
      assertEquals(1, transactions.get());
      it.next();
      assertEquals(1, transactions.get());
      it.next();
      assertEquals(2, transactions.get());
    }
    List<byte[]> digests = new ArrayList<>();
    try (Stream<PathInfo> all = paths.list()) {
      all.forEach(p -> digests.add(p.storePath().digest()));
    }
    assertEquals(Vectors.cases().size(), digests.size());
    for (int i = 1; i < digests.size(); i++) {
      assertTrue(Arrays.compareUnsigned(digests.get(i - 1), digests.get(i)) < 0);
    }
  }

  @Test
  void calculateNarIsKeptPerRootAndAnsweredWithoutRendering() throws Exception {
    FileNode file = (FileNode) ingest("large-file").node();
    NarCalculation first = store.paths().calculateNar(file);
    assertEquals(1, DB.count("nar_calculation"));
    deleteChunksOf(file); // rendering again would now fail
    assertEquals(first, store.paths().calculateNar(file.withName(PathComponent.of("other"))));
    assertEquals(1, DB.count("nar_calculation"));
  }

  @Test
  void aFailedCalculationIsNotKept() throws Exception {
    FileNode large = (FileNode) ingest("large-file").node();
    deleteChunksOf(large);
    assertThrows(DataLossException.class, () -> store.paths().calculateNar(large));
    assertEquals(0, DB.count("nar_calculation"));
    store.paths().calculateNar(ingest("tree").node());
    assertEquals(1, DB.count("nar_calculation"));
  }

  @Test
  void aPutLeavesOneRowPerReferenceAndDistinctSignature() throws Exception {
    PathInfo info = ingest("with-refs");
    store.paths().put(info);
    store.paths().put(info);
    assertEquals(1, DB.count("path_info"));
    assertEquals(2, DB.count("path_reference"));
    assertEquals(1, DB.count("path_signature"));
    PathInfo more = store.paths().put(
        info.withSignatures(List.of(new NarSignature("other-1", new byte[64]))));
    assertEquals(2, more.signatures().size());
    assertEquals(2, DB.count("path_signature"));
    assertEquals(2, DB.count("path_reference"));
  }

  @Test
  void aStoredRowThatNoLongerParsesIsDataLoss() throws Exception {
    PathInfo info = store.paths().put(ingest("regular-file"));
    try (Connection c = DB.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE path_info SET root_node = X'ff'");
    }
    var e = assertThrows(DataLossException.class,
        () -> store.paths().get(info.storePath().digest()));
    assertTrue(e.getMessage().contains(info.storePath().name()), e.getMessage());
  }
}
