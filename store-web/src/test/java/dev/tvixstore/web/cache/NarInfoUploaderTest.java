package dev.tvixstore.web.cache;

import static dev.tvixstore.web.cache.UploadFixture.compress;
import static dev.tvixstore.web.cache.UploadFixture.in;
import static dev.tvixstore.web.cache.UploadFixture.nameOf;
import static dev.tvixstore.web.cache.UploadFixture.nar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.SigningKey;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NarInfoUploaderTest {
  private final UploadFixture store = new UploadFixture();

  static List<String> caseIds() {
    return Vectors.cases().stream().map(Vectors::id).toList();
  }

  private static String narInfoText(JsonObject c) {
    return Vectors.text(c.get("narinfo_file").getAsString());
  }

  private static String hashPart(JsonObject c) {
    return c.get("store_path_hash").getAsString();
  }

  private void uploadNar(JsonObject c, Compression compression) throws IOException {
    byte[] file = compress(nar(c), compression);
    store.uploader(1 << 30).upload(nameOf(file, compression), in(file), file.length);
  }

  /**
   * Every vector, uploaded as Nix does (xz NAR, then the narinfo Nix wrote), is stored with its
   * references, deriver, CA and signature, and served back byte for byte by the vectors' key.
   */
  @ParameterizedTest
  @MethodSource("caseIds")
  void storesEachVectorAndServesItsNarInfoBackByteForByte(String id) throws IOException {
    JsonObject c = VectorPaths.byId(id);
    uploadNar(c, Compression.XZ);
    PathInfo stored = store.narInfoUploader().put(hashPart(c), narInfoText(c));

    assertEquals(VectorPaths.narInfo(c).signatures(), stored.signatures());
    SigningKey key = SigningKey.parse(Vectors.text("keys/test-cache-1.sk"));
    assertEquals(
        narInfoText(c),
        new String(NarInfoText.render(stored, List.of(key)), StandardCharsets.UTF_8));
  }

  @Test
  void aNarInfoPutUnderAnotherHashIsRefused() throws IOException {
    JsonObject c = VectorPaths.byId("regular-file");
    uploadNar(c, Compression.NONE);
    String other = hashPart(VectorPaths.byId("tree"));
    assertThrows(
        InvalidRequestException.class, () -> store.narInfoUploader().put(other, narInfoText(c)));
  }

  @Test
  void aNarInfoWhoseNarWasNeverUploadedIsRefused() {
    JsonObject c = VectorPaths.byId("regular-file");
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> store.narInfoUploader().put(hashPart(c), narInfoText(c)));
    assertTrue(e.getMessage().contains("PUT it first"), e.getMessage());
  }

  @Test
  void aNarSizeThatDoesNotMatchTheUploadIsRefused() throws IOException {
    JsonObject c = VectorPaths.byId("regular-file");
    uploadNar(c, Compression.NONE);
    String size = "NarSize: " + c.get("nar_size").getAsLong() + "\n";
    String lying = narInfoText(c).replace(size, "NarSize: 7\n");
    assertThrows(
        InvalidRequestException.class, () -> store.narInfoUploader().put(hashPart(c), lying));
  }

  @Test
  void aContentAddressThatDoesNotGiveThePathIsRefused() throws IOException {
    JsonObject c = VectorPaths.byId("with-refs");
    uploadNar(c, Compression.NONE);
    // Dropping a reference changes the path a text CA gives.
    String text = narInfoText(c);
    String refsLine = text.lines().filter(l -> l.startsWith("References: ")).findFirst().get();
    String fewer = refsLine.substring(0, refsLine.lastIndexOf(' '));
    String forged = text.replace(refsLine + "\n", fewer + "\n");
    assertThrows(
        InvalidRequestException.class, () -> store.narInfoUploader().put(hashPart(c), forged));
  }

  @Test
  void aNarAlreadyStoredUnderAnotherPathNeedsNoUpload() throws IOException {
    JsonObject c = VectorPaths.byId("regular-file");
    store.paths.put(VectorPaths.ingestPathInfo(c, store.blobs, store.directories));
    // Same NAR, other (input-addressed, so unchecked) path: the root comes from the index.
    String text =
        narInfoText(c)
            .replace(hashPart(c), "00000000000000000000000000000000")
            .lines()
            .filter(l -> !l.startsWith("CA: ") && !l.startsWith("Sig: "))
            .map(l -> l + "\n")
            .reduce("", String::concat);
    PathInfo stored = store.narInfoUploader().put("00000000000000000000000000000000", text);
    PathInfo original = store.paths.get(VectorPaths.narInfo(c).storePath().digest()).get();
    assertEquals(original.node().withName(stored.node().name()), stored.node());
  }

  @Test
  void garbageIsABadRequest() {
    assertThrows(
        InvalidRequestException.class,
        () -> store.narInfoUploader().put("00000000000000000000000000000000", "hello\n"));
  }
}
