package dev.tvixstore.nix;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.store.ContentAddress;
import dev.tvixstore.store.StorePath;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NarInfoTest {
  private static final SigningKey KEY =
      SigningKey.parse(Vectors.text("keys/test-cache-1.sk"));

  @Test
  void everyVectorNarinfoParsesAndRendersByteIdentically() {
    List<JsonObject> cases = Vectors.cases();
    assertEquals(11, cases.size());
    for (JsonObject c : cases) {
      String text = Vectors.text(c.get("narinfo_file").getAsString());
      assertEquals(text, NarInfo.parse(text).render(), c.get("id").getAsString());
    }
  }

  @Test
  void parsedFieldsMatchTheIndex() {
    for (JsonObject c : Vectors.cases()) {
      String id = c.get("id").getAsString();
      NarInfo info = NarInfo.parse(Vectors.text(c.get("narinfo_file").getAsString()));
      assertEquals(c.get("store_path").getAsString(), info.storePath().toAbsolutePath(), id);
      assertEquals(c.get("narinfo_url").getAsString(), info.url(), id);
      assertEquals("none", info.compression(), id);
      assertEquals(c.get("nar_sha256_hex").getAsString(), info.narHash().toHex(), id);
      assertEquals(c.get("nar_sha256_sri").getAsString(), info.narHash().toSri(), id);
      assertEquals(Optional.of(info.narHash()), info.fileHash(), id);
      assertEquals(c.get("nar_size").getAsLong(), info.narSize(), id);
      assertEquals(OptionalLong.of(info.narSize()), info.fileSize(), id);
      assertEquals(
          Vectors.strings(c, "references"),
          info.references().stream().map(StorePath::toAbsolutePath).toList(),
          id);
      assertEquals(
          Optional.ofNullable(Vectors.string(c, "deriver")),
          info.deriver().map(StorePath::toAbsolutePath),
          id);
      assertEquals(
          Optional.ofNullable(Vectors.string(c, "ca")),
          info.ca().map(ContentAddress::render),
          id);
      assertEquals(
          Vectors.strings(c, "signatures"),
          info.signatures().stream().map(NarSignature::render).toList(),
          id);
    }
  }

  @Test
  void fingerprintsEqualTheIndexAndFingerprintsTxt() {
    List<String> lines = Vectors.text("fingerprints.txt").lines().toList();
    int checked = 0;
    for (int i = 0; i < lines.size(); i += 3) {
      String id = lines.get(i).substring("# ".length());
      JsonObject c = Vectors.caseById(id);
      NarInfo info = NarInfo.parse(Vectors.text(c.get("narinfo_file").getAsString()));
      assertEquals(lines.get(i + 1), info.fingerprint(), id);
      assertEquals(c.get("fingerprint").getAsString(), info.fingerprint(), id);
      assertEquals(List.of(lines.get(i + 2)), Vectors.strings(c, "signatures"), id);
      checked++;
    }
    assertEquals(11, checked);
  }

  @Test
  void servedNarinfoBuiltFromTheNarEqualsTheVectorFile() {
    for (JsonObject c : Vectors.cases()) {
      String text = Vectors.text(c.get("narinfo_file").getAsString());
      NarInfo parsed = NarInfo.parse(text);
      NarInfo built =
          NarInfo.ofUncompressed(
                  parsed.storePath(),
                  NixHash.parseAnyPrefixed("sha256:" + c.get("nar_sha256_nixbase32").getAsString()),
                  c.get("nar_size").getAsLong(),
                  Vectors.strings(c, "references").stream()
                      .map(StorePath::parseAbsolute)
                      .toList(),
                  Optional.ofNullable(Vectors.string(c, "deriver"))
                      .map(StorePath::parseAbsolute),
                  Optional.ofNullable(Vectors.string(c, "ca")).map(ContentAddress::parse))
              .sign(KEY);
      assertEquals(text, built.render(), c.get("id").getAsString());
      assertEquals(parsed, built, c.get("id").getAsString());
    }
  }

  @Test
  void signingTwiceWithTheSameKeyKeepsOneSignature() {
    NarInfo info = vector("regular-file");
    assertEquals(info, info.sign(KEY));
    assertEquals(1, info.sign(KEY).signatures().size());
  }

  @Test
  void isSignedByTheVectorKeyOnlyWhileUnchanged() {
    VerifyingKey pk = VerifyingKey.parse(Vectors.text("keys/test-cache-1.pk"));
    for (JsonObject c : Vectors.cases()) {
      assertTrue(vector(c.get("id").getAsString()).isSignedBy(pk), c.get("id").getAsString());
    }
    NarInfo info = vector("regular-file");
    NarInfo tampered =
        new NarInfo(
            info.storePath(),
            info.url(),
            info.compression(),
            info.fileHash(),
            info.fileSize(),
            info.narHash(),
            info.narSize() + 1,
            info.references(),
            info.deriver(),
            info.signatures(),
            info.ca());
    assertFalse(tampered.isSignedBy(pk));
  }

  @Test
  void rejectsNullReferenceWithItsOwnMessage() {
    NarInfo info = vector("regular-file");
    List<StorePath> refs = new java.util.ArrayList<>();
    refs.add(null);
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                NarInfo.ofUncompressed(
                    info.storePath(), info.narHash(), 1, refs, Optional.empty(), Optional.empty()));
    assertEquals("narinfo References entry is missing", e.getMessage());
  }

  static NarInfo vector(String id) {
    return NarInfo.parse(
        Vectors.text(Vectors.caseById(id).get("narinfo_file").getAsString()));
  }
}
