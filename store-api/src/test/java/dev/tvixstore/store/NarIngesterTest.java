package dev.tvixstore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.nix.InvalidNarException;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NAR in, castore contents and NAR hash out; all or nothing for the directories. */
class NarIngesterTest {
  private final InMemoryBlobService blobs = new InMemoryBlobService();
  private final InMemoryDirectoryService directories = new InMemoryDirectoryService();
  private final NarIngester ingester = new NarIngester(blobs, directories);

  static Stream<String> caseIds() {
    return Vectors.cases().stream().map(Vectors::id);
  }

  /** The digests of the directories a NAR holds, found by ingesting it elsewhere. */
  private static List<B3Digest> directoriesOf(byte[] nar) throws IOException {
    InMemoryDirectoryService elsewhere = new InMemoryDirectoryService();
    var root = new NarIngester(new InMemoryBlobService(), elsewhere)
        .ingest(new ByteArrayInputStream(nar)).root();
    if (!(root instanceof DirectoryNode dir)) {
      return List.of();
    }
    try (Stream<Directory> closure = elsewhere.getRecursive(dir.digest())) {
      return closure.map(Directory::digest).toList();
    }
  }

  private void assertNoneStored(List<B3Digest> digests) {
    for (B3Digest d : digests) {
      assertTrue(directories.get(d).isEmpty(), "directory " + d + " became visible");
    }
  }

  @ParameterizedTest
  @MethodSource("caseIds")
  void givesTheNarHashAndSizeNixComputed(String id) throws IOException {
    JsonObject c = VectorPaths.byId(id);
    NarIngester.Result result;
    try (var in = Files.newInputStream(Vectors.nar(c))) {
      result = ingester.ingest(in);
    }
    assertEquals(c.get("nar_size").getAsLong(), result.nar().narSize());
    assertEquals(c.get("nar_sha256_nixbase32").getAsString(),
        result.nar().narSha256().toNixbase32());
    assertTrue(result.root().name().isEmpty());
    if (result.root() instanceof DirectoryNode dir) {
      assertEquals(dir.size(), directories.get(dir.digest()).orElseThrow().size());
    }
  }

  @Test
  void aTruncatedNarMakesNoDirectoryVisible() throws IOException {
    byte[] nar = Files.readAllBytes(Vectors.nar(VectorPaths.byId("tree")));
    List<B3Digest> dirs = directoriesOf(nar);
    assertFalse(dirs.isEmpty());
    for (int cut = 8; cut < nar.length; cut += 97) {
      byte[] head = Arrays.copyOf(nar, cut);
      assertThrows(InvalidNarException.class,
          () -> ingester.ingest(new ByteArrayInputStream(head)), "cut at " + cut);
      assertNoneStored(dirs);
    }
  }

  @Test
  void trailingBytesMakeNoDirectoryVisible() throws IOException {
    byte[] nar = Files.readAllBytes(Vectors.nar(VectorPaths.byId("tree")));
    byte[] longer = Arrays.copyOf(nar, nar.length + 8);
    assertThrows(InvalidNarException.class,
        () -> ingester.ingest(new ByteArrayInputStream(longer)));
    assertNoneStored(directoriesOf(nar));
  }

  @Test
  void aVetoBeforeCommitMakesNoDirectoryVisible() throws IOException {
    JsonObject c = VectorPaths.byId("tree");
    byte[] nar = Files.readAllBytes(Vectors.nar(c));
    IllegalStateException veto = new IllegalStateException("announced hash differs");
    NarCalculation[] seen = new NarCalculation[1];
    var thrown = assertThrows(IllegalStateException.class,
        () -> ingester.ingest(new ByteArrayInputStream(nar), calc -> {
          seen[0] = calc;
          throw veto;
        }));
    assertSame(veto, thrown);
    assertEquals(nar.length, seen[0].narSize());
    assertEquals(c.get("nar_sha256_nixbase32").getAsString(), seen[0].narSha256().toNixbase32());
    assertNoneStored(directoriesOf(nar));
  }
}
