package dev.tvixstore.castore;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DirectoryVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> directories() {
    return Vectors.cases().stream()
        .flatMap(c -> {
          List<JsonElement> dirs = c.getAsJsonObject("castore").getAsJsonArray("directories")
              .asList();
          return dirs.stream().map(d -> Arguments.of(Vectors.id(c), d.getAsJsonObject()));
        });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("directories")
  void parsedVectorDirectoryReencodesToSameBytesDigestAndSize(String id, JsonObject d) {
    byte[] encoded = HEX.parseHex(d.get("encoded_hex").getAsString());
    Directory dir = Directory.parse(encoded);
    assertArrayEquals(encoded, dir.encode());
    assertEquals(d.get("digest_hex").getAsString(), dir.digest().toHex());
    assertEquals(d.get("size").getAsLong(), dir.size());
    assertEquals(dir, CastoreProto.fromProto(CastoreProto.toProto(dir)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tvixstore.castore.DirectoryVectorsTest#cases")
  void vectorDirectoriesComeChildrenFirst(String id, JsonObject c) {
    var seen = new java.util.HashSet<B3Digest>();
    for (JsonElement e : c.getAsJsonObject("castore").getAsJsonArray("directories")) {
      Directory dir = Directory.parse(HEX.parseHex(e.getAsJsonObject().get("encoded_hex")
          .getAsString()));
      for (DirectoryNode child : dir.directories()) {
        assertTrue(seen.contains(child.digest()), "child " + child + " sent before parent");
      }
      seen.add(dir.digest());
    }
  }

  static Stream<Arguments> cases() {
    return Vectors.cases().stream().map(c -> Arguments.of(Vectors.id(c), c));
  }
}
