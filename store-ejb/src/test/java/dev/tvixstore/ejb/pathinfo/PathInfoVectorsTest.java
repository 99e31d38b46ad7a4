package dev.tvixstore.ejb.pathinfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.nix.NarInfo;
import dev.tvixstore.nix.VerifyingKey;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.NarIngester;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoProto;
import dev.tvixstore.store.PreparedNar;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector path through the store as the server has it (chunk files, H2): its NAR ingested,
 * its PathInfo put in the wire form with references and signatures, then CalculateNAR, the whole
 * rendered NAR and random ranges of it compared with what Nix wrote.
 */
class PathInfoVectorsTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();
  private static final VerifyingKey KEY =
      VerifyingKey.parse(Vectors.text("keys/test-cache-1.pk"));

  @TempDir Path root;
  private JpaStore store;

  @BeforeEach
  void open() throws Exception {
    store = JpaStore.open(DB, root);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Stream<String> caseIds() {
    return Vectors.cases().stream().map(Vectors::id);
  }

  @ParameterizedTest
  @MethodSource("caseIds")
  void ingestPutCalculateAndRenderGiveBackWhatNixWrote(String id) throws Exception {
    JsonObject c = VectorPaths.byId(id);
    byte[] nar = Files.readAllBytes(Vectors.nar(c));
    NarIngester.Result ingested =
        new NarIngester(store.blobs(), store.directories()).ingest(new ByteArrayInputStream(nar));
    NarInfo narinfo = VectorPaths.narInfo(c);
    PathInfo info = new PathInfo(narinfo.storePath(), ingested.root(), narinfo.references(),
        narinfo.narSize(), narinfo.narHash(), narinfo.signatures(), narinfo.deriver(),
        narinfo.ca());
    // As a gRPC Put brings it: through the wire form and its checks.
    PathInfo fromWire = PathInfoProto.fromProto(PathInfoProto.toProto(info));
    assertEquals(info, store.paths().put(fromWire));

    PathInfo stored = store.paths().get(info.storePath().digest()).orElseThrow();
    assertEquals(info, stored);
    assertEquals(Vectors.strings(c, "references").size(), stored.references().size());
    assertFalse(stored.signatures().isEmpty());
    assertTrue(stored.toNarInfo().isSignedBy(KEY), "stored signatures verify");

    NarCalculation calc = store.paths().calculateNar(stored.node());
    assertEquals(c.get("nar_size").getAsLong(), calc.narSize());
    assertEquals(c.get("nar_sha256_nixbase32").getAsString(), calc.narSha256().toNixbase32());
    assertEquals(ingested.nar(), calc);

    PreparedNar rendered = new NarRenderer(store.directories(), store.blobs())
        .prepare(stored.node());
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    rendered.writeTo(whole);
    assertArrayEquals(nar, whole.toByteArray());

    Random random = new Random(id.hashCode() * 31L + 5);
    for (int i = 0; i < 25; i++) {
      int from = random.nextInt(nar.length + 1);
      int to = from + random.nextInt(nar.length - from + 1);
      ByteArrayOutputStream part = new ByteArrayOutputStream();
      rendered.writeRange(part, from, to);
      assertArrayEquals(Arrays.copyOfRange(nar, from, to), part.toByteArray(),
          "range [" + from + ", " + to + ")");
    }
  }

  @Test
  void aTruncatedNarLeavesNoDirectoryRow() throws Exception {
    byte[] nar = Files.readAllBytes(Vectors.nar(VectorPaths.byId("tree")));
    NarIngester ingester = new NarIngester(store.blobs(), store.directories());
    for (int cut = 100; cut < nar.length; cut += 500) {
      byte[] head = Arrays.copyOf(nar, cut);
      try {
        ingester.ingest(new ByteArrayInputStream(head));
      } catch (dev.tvixstore.nix.InvalidNarException expected) {
        // the point: nothing of it may show
      }
      assertEquals(0, DB.count("directory"), "cut at " + cut);
    }
    ingester.ingest(new ByteArrayInputStream(nar));
    assertTrue(DB.count("directory") > 0);
  }
}
