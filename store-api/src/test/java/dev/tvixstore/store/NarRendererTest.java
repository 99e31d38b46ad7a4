package dev.tvixstore.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.nix.NarFileSpan;
import dev.tvixstore.nix.NarLayout;
import dev.tvixstore.testing.CountingBlobService;
import dev.tvixstore.testing.DirectoryFixtures;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NarRendererTest {
  /** Fails the test on any byte: what the renderer must not send before its checks pass. */
  private static final OutputStream NO_BYTES =
      new OutputStream() {
        @Override
        public void write(int b) {
          throw new AssertionError("a byte was written");
        }

        @Override
        public void write(byte[] b, int off, int len) {
          throw new AssertionError(len + " bytes were written");
        }
      };

  private CountingBlobService blobs;
  private InMemoryDirectoryService directories;
  private NarRenderer renderer;

  @BeforeEach
  void emptyStore() {
    blobs = new CountingBlobService(new InMemoryBlobService());
    directories = new InMemoryDirectoryService();
    renderer = new NarRenderer(directories, blobs);
  }

  static Stream<String> caseIds() {
    return Vectors.cases().stream().map(Vectors::id);
  }

  private Node ingest(String id) {
    return VectorPaths.ingest(VectorPaths.byId(id), blobs, directories).root();
  }

  private static byte[] vectorNar(String id) throws IOException {
    return Files.readAllBytes(Vectors.nar(VectorPaths.byId(id)));
  }

  private static byte[] render(PreparedNar nar, long from, long to) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    nar.writeRange(out, from, to);
    return out.toByteArray();
  }

  @ParameterizedTest
  @MethodSource("caseIds")
  void rendersEachVectorByteIdentical(String id) throws IOException {
    PreparedNar nar = renderer.prepare(ingest(id));
    byte[] expected = vectorNar(id);
    assertEquals(expected.length, nar.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    nar.writeTo(out);
    assertArrayEquals(expected, out.toByteArray());
  }

  @ParameterizedTest
  @MethodSource("caseIds")
  void everyRangeEqualsTheSameSliceOfTheVector(String id) throws IOException {
    PreparedNar nar = renderer.prepare(ingest(id));
    byte[] expected = vectorNar(id);
    Random random = new Random(id.hashCode());
    int n = expected.length;
    for (int i = 0; i < 40; i++) {
      int a = random.nextInt(n + 1);
      int b = i % 4 == 0 ? Math.min(n, a + random.nextInt(16)) : random.nextInt(n + 1);
      int from = Math.min(a, b);
      int to = Math.max(a, b);
      assertArrayEquals(
          Arrays.copyOfRange(expected, from, to), render(nar, from, to), "[" + from + ", " + to);
    }
  }

  @Test
  void aRangeInsideAFileReadsOnlyTheBytesOfTheRange() throws IOException {
    PreparedNar nar = renderer.prepare(ingest("large-file"));
    byte[] expected = vectorNar("large-file");
    assertArrayEquals(
        Arrays.copyOfRange(expected, 700_000, 700_100), render(nar, 700_000, 700_100));
    assertEquals(1, blobs.opened());
    assertEquals(100, blobs.bytesRead());
    render(nar, 0, 64); // framing only: the blob is not even opened
    assertEquals(1, blobs.opened());
  }

  @Test
  void aBlobThatIsNotStoredIsNotFoundBeforeAnyByte() throws IOException {
    Node root =
        VectorPaths.ingest(VectorPaths.byId("tree"), new InMemoryBlobService(), directories).root();
    PreparedNar nar = renderer.prepare(root);
    var e = assertThrows(NotFoundException.class, () -> nar.writeTo(NO_BYTES));
    assertTrue(e.getMessage().contains("not stored"), e.getMessage());
  }

  @Test
  void aBlobWithContentMissingIsDataLossBeforeAnyByte() {
    FileNode file = (FileNode) ingest("large-file");
    blobs.loseContent(file.digest());
    PreparedNar nar = renderer.prepare(file);
    var e = assertThrows(DataLossException.class, () -> nar.writeTo(NO_BYTES));
    assertTrue(e.getMessage().contains(file.digest().toString()), e.getMessage());
    assertEquals(0, blobs.opened());
  }

  @Test
  void onlyTheBlobsOfTheRangeMustBeComplete() throws IOException {
    Node root = ingest("tree");
    List<NarFileSpan> files = NarLayout.of(root, directories).files();
    NarFileSpan last = files.get(files.size() - 1);
    blobs.loseContent(last.digest());
    PreparedNar nar = renderer.prepare(root);
    byte[] expected = vectorNar("tree");
    long before = files.stream()
        .filter(s -> s.digest().equals(last.digest()))
        .mapToLong(NarFileSpan::offset)
        .min()
        .orElseThrow();
    assertArrayEquals(Arrays.copyOfRange(expected, 0, (int) before), render(nar, 0, before));
    assertThrows(DataLossException.class, () -> nar.writeRange(NO_BYTES, 0, before + 1));
    assertThrows(DataLossException.class, () -> nar.requireComplete(before, nar.size()));
  }

  @Test
  void aRootDirectoryThatIsNotStoredIsNotFound() {
    assertThrows(
        NotFoundException.class,
        () -> renderer.prepare(DirectoryFixtures.child("x", DirectoryFixtures.D)));
  }

  @Test
  void rangesOutsideTheNarAreRejected() {
    PreparedNar nar = renderer.prepare(ingest("regular-file"));
    long size = nar.size();
    assertThrows(IllegalArgumentException.class, () -> nar.writeRange(NO_BYTES, -1, 5));
    assertThrows(IllegalArgumentException.class, () -> nar.writeRange(NO_BYTES, 5, 4));
    assertThrows(IllegalArgumentException.class, () -> nar.writeRange(NO_BYTES, 0, size + 1));
  }
}
