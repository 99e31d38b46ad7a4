package dev.tvixstore.store;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.ContentAddressKind.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorePathComputationTest {
  private static final StorePath REGULAR =
      StorePath.parseAbsolute("/nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-regular-file.txt");

  @Test
  void everyVectorCaseGivesNixsPreimageAndStorePath() {
    List<JsonObject> computations = Vectors.section("store_path_computation");
    assertEquals(10, computations.size());
    for (JsonObject v : computations) {
      JsonObject c = Vectors.caseById(v.get("case").getAsString());
      ContentAddress ca = ContentAddress.parse(c.get("ca").getAsString());
      List<StorePath> refs =
          Vectors.strings(c, "references").stream().map(StorePath::parseAbsolute).toList();
      String name = c.get("name").getAsString();
      String id = v.get("case").getAsString();

      assertEquals(
          v.get("fingerprint").getAsString(),
          StorePathComputation.preimage(ca, name, refs, false),
          id);
      assertEquals(
          v.get("store_path").getAsString(),
          StorePathComputation.compute(ca, name, refs, false).toAbsolutePath(),
          id);
    }
  }

  @Test
  void flatFixedOutputHashesTheInnerFixedOutString() {
    JsonObject v =
        Vectors.section("store_path_computation").stream()
            .filter(o -> o.get("case").getAsString().equals("fixed-flat"))
            .findFirst()
            .orElseThrow();
    // The vector's rule names the inner string; its SHA-256 is the hash in the outer preimage.
    String rule = v.get("rule").getAsString();
    String inner =
        rule.substring(rule.indexOf('\'') + 1, rule.indexOf('\'', rule.indexOf('\'') + 1));
    String innerHex = NixHash.sha256Of(inner.getBytes(StandardCharsets.UTF_8)).toHex();
    assertTrue(
        v.get("fingerprint").getAsString().startsWith("output:out:sha256:" + innerHex + ":"));
  }

  @Test
  void referencesAreSortedAndDeduplicatedLikeNix() {
    JsonObject c = Vectors.caseById("with-refs");
    ContentAddress ca = ContentAddress.parse(c.get("ca").getAsString());
    List<StorePath> refs =
        Vectors.strings(c, "references").stream().map(StorePath::parseAbsolute).toList();
    List<StorePath> shuffled = List.of(refs.get(1), refs.get(0), refs.get(1));
    assertEquals(
        c.get("store_path").getAsString(),
        StorePathComputation.compute(ca, "with-refs.txt", shuffled, false).toAbsolutePath());
  }

  @Test
  void sourceWithReferencesAndSelfReferenceListsThemInOrder() {
    ContentAddress ca = ContentAddress.of(ContentAddressKind.NAR_SHA256, new byte[32]);
    assertEquals(
        "source:" + REGULAR.toAbsolutePath() + ":self:sha256:" + "00".repeat(32) + ":/nix/store:x",
        StorePathComputation.preimage(ca, "x", List.of(REGULAR), true));
  }

  @Test
  void recursiveNonSha256IsAnOutputPathOverTheFixedOutString() {
    NixHash sha1 = new NixHash(HashAlgorithm.SHA1, new byte[20]);
    String inner = "fixed:out:r:sha1:" + "00".repeat(20) + ":";
    String innerHex = NixHash.sha256Of(inner.getBytes(StandardCharsets.UTF_8)).toHex();
    assertEquals(
        "output:out:sha256:" + innerHex + ":/nix/store:x",
        StorePathComputation.preimage(new ContentAddress(Method.NAR, sha1), "x", List.of(), false));
  }

  @Test
  void rejectsReferencesOnFlatFixedOutput() {
    ContentAddress ca = ContentAddress.of(ContentAddressKind.FLAT_SHA256, new byte[32]);
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> StorePathComputation.compute(ca, "x", List.of(REGULAR), false));
    assertEquals(
        "a fixed-output store path other than fixed:r:sha256 cannot have references (FLAT_SHA256)",
        e.getMessage());
  }

  @Test
  void rejectsSelfReferenceOfText() {
    ContentAddress ca = ContentAddress.of(ContentAddressKind.TEXT_SHA256, new byte[32]);
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> StorePathComputation.compute(ca, "x", List.of(), true));
    assertEquals("a text store path cannot refer to itself", e.getMessage());
  }

  @Test
  void rejectsInvalidName() {
    ContentAddress ca = ContentAddress.of(ContentAddressKind.NAR_SHA256, new byte[32]);
    assertThrows(
        InvalidRequestException.class,
        () -> StorePathComputation.compute(ca, ".hidden", List.of(), false));
  }

  @Test
  void compressHashXorFoldsTrailingBytesOntoTheStart() {
    byte[] in = new byte[32];
    for (int i = 0; i < 32; i++) {
      in[i] = (byte) (i + 1);
    }
    byte[] out = StorePathComputation.compressHash(in, 20);
    for (int i = 0; i < 20; i++) {
      int expected = (i + 1) ^ (i < 12 ? i + 21 : 0);
      assertEquals((byte) expected, out[i], "byte " + i);
    }
    assertArrayEquals(new byte[20], StorePathComputation.compressHash(new byte[32], 20));
  }
}
