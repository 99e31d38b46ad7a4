package dev.tvixstore.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector case: NAR made by real Nix -> castore -> NAR again, exact. */
class NarVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> cases() {
    return Vectors.cases().stream().map(c -> Arguments.of(Vectors.id(c), c));
  }

  private static Node read(byte[] nar, CapturingHandler h) throws IOException {
    return NarReader.read(new ByteArrayInputStream(nar), h);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readingTheNarGivesTheVectorRootNode(String id, JsonObject c) throws IOException {
    Node root = read(Files.readAllBytes(Vectors.nar(c)), new CapturingHandler());
    JsonObject expected = c.getAsJsonObject("castore").getAsJsonObject("root_node");
    assertEquals(PathComponent.EMPTY, root.name());
    PathComponent name = PathComponent.of(expected.get("name").getAsString());
    Node expectedNode = switch (expected.get("type").getAsString()) {
      case "directory" ->
          new DirectoryNode(name, digest(expected), expected.get("size").getAsLong());
      case "file" -> new FileNode(name, digest(expected), expected.get("size").getAsLong(),
          expected.get("executable").getAsBoolean());
      case "symlink" -> new SymlinkNode(name, dev.tvixstore.castore.SymlinkTarget.of(
          HEX.parseHex(expected.get("target_hex").getAsString())));
      default -> throw new AssertionError(expected);
    };
    assertEquals(expectedNode, root.withName(name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readingTheNarGivesTheVectorBlobsAndDirectories(String id, JsonObject c)
      throws IOException {
    CapturingHandler h = new CapturingHandler();
    read(Files.readAllBytes(Vectors.nar(c)), h);
    JsonObject castore = c.getAsJsonObject("castore");

    Map<String, Long> expectedBlobs = new TreeMap<>();
    for (JsonElement b : castore.getAsJsonArray("blobs")) {
      expectedBlobs.put(b.getAsJsonObject().get("blake3_hex").getAsString(),
          b.getAsJsonObject().get("size").getAsLong());
    }
    Map<String, Long> blobs = new TreeMap<>();
    h.store.blobs.forEach((d, data) -> blobs.put(d.toHex(), (long) data.length));
    assertEquals(expectedBlobs, blobs);

    List<String> expectedDirs = new ArrayList<>();
    for (JsonElement d : castore.getAsJsonArray("directories")) {
      String digest = d.getAsJsonObject().get("digest_hex").getAsString();
      expectedDirs.add(digest);
      byte[] encoded = HEX.parseHex(d.getAsJsonObject().get("encoded_hex").getAsString());
      Directory got = h.store.directories.get(B3Digest.fromHex(digest));
      assertArrayEquals(encoded, got.encode(), "encoding of " + digest);
    }
    List<String> got = h.store.directories.keySet().stream().map(B3Digest::toHex).toList();
    assertEquals(Set.copyOf(expectedDirs), Set.copyOf(got));
    assertChildrenBeforeParents(h.directoryCalls);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writingTheTreeGivesTheNixNarByteForByte(String id, JsonObject c) throws IOException {
    byte[] nar = Files.readAllBytes(Vectors.nar(c));
    CapturingHandler h = new CapturingHandler();
    Node root = read(nar, h);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new NarWriter(h.store, h.store).write(root, out);
    assertArrayEquals(nar, out.toByteArray());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void layoutGivesNarSizeAndFileOffsetsWithoutReadingBlobs(String id, JsonObject c)
      throws IOException {
    byte[] nar = Files.readAllBytes(Vectors.nar(c));
    CapturingHandler h = new CapturingHandler();
    Node root = read(nar, h);
    NarLayout layout = NarLayout.of(root, h.store);
    assertEquals(c.get("nar_size").getAsLong(), layout.narSize());
    assertEquals(nar.length, NarLayout.narSize(root, h.store));
    long previousEnd = 0;
    for (NarFileSpan span : layout.files()) {
      assertTrue(span.offset() >= previousEnd, "spans ascend");
      byte[] slice = Arrays.copyOfRange(nar, (int) span.offset(),
          (int) (span.offset() + span.length()));
      assertEquals(span.digest(), B3Digest.hash(slice));
      previousEnd = span.offset() + span.length();
    }
    long nonEmptyFiles = h.store.blobs.values().stream().filter(b -> b.length > 0).count();
    assertTrue(layout.files().size() >= nonEmptyFiles);
  }

  private static B3Digest digest(JsonObject node) {
    return B3Digest.fromHex(node.get("digest_hex").getAsString());
  }

  static void assertChildrenBeforeParents(List<Directory> calls) {
    Set<B3Digest> seen = new HashSet<>();
    for (Directory d : calls) {
      for (DirectoryNode child : d.directories()) {
        assertTrue(seen.contains(child.digest()), "child " + child + " before its parent");
      }
      seen.add(d.digest());
    }
  }
}
