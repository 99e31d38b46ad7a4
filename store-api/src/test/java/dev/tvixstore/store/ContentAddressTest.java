package dev.tvixstore.store;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.protos.store.NARInfo;
import dev.tvixstore.store.ContentAddressKind.Method;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ContentAddressTest {
  @Test
  void parsesAndRendersEveryVectorContentAddress() {
    int seen = 0;
    for (JsonObject c : Vectors.cases()) {
      String ca = Vectors.string(c, "ca");
      if (ca != null) {
        assertEquals(ca, ContentAddress.parse(ca).render());
        seen++;
      }
    }
    assertEquals(10, seen);
  }

  @Test
  void recursiveSha256IsTheNarHash() {
    JsonObject c = Vectors.caseById("regular-file");
    ContentAddress ca = ContentAddress.parse(c.get("ca").getAsString());
    assertEquals(ContentAddressKind.NAR_SHA256, ca.kind());
    assertEquals(Method.NAR, ca.method());
    assertEquals(c.get("nar_sha256_hex").getAsString(), ca.hash().toHex());
  }

  @ParameterizedTest
  @CsvSource({
    "fixed:r:sha256:1f2sc0ad9anzhkps7gjalvyavfrbx5z5qx34c3jbmidghc8m81c7, NAR_SHA256",
    "fixed:sha256:134dmr1jx2dzvlm3dbnwkkgznx24dwc142qam7ivz584idi7m9a3, FLAT_SHA256",
    "text:sha256:0jav1743p60y453631zh7gsma4wpxkhrjz32lah4cgnf8az3qbi3, TEXT_SHA256",
    "fixed:r:sha1:143xibwh31h9bvxzalr0sjvbbvpa6ffs, NAR_SHA1",
    "fixed:sha1:143xibwh31h9bvxzalr0sjvbbvpa6ffs, FLAT_SHA1",
    "fixed:md5:3y8bwfr609h3lh9ch0izcqq7fl, FLAT_MD5",
    "fixed:r:md5:3y8bwfr609h3lh9ch0izcqq7fl, NAR_MD5",
  })
  void mapsEachFormToItsKind(String text, ContentAddressKind kind) {
    ContentAddress ca = ContentAddress.parse(text);
    assertEquals(kind, ca.kind());
    assertEquals(text, ca.render());
    assertEquals(ca, ContentAddress.of(kind, ca.digest()));
  }

  @Test
  void acceptsHexAndBase64AndRendersNixbase32() {
    String nb32 = "fixed:r:sha256:1f2sc0ad9anzhkps7gjalvyavfrbx5z5qx34c3jbmidghc8m81c7";
    assertEquals(
        nb32,
        ContentAddress.parse(
                "fixed:r:sha256:8705541183afc5bae46064745c7ee92bbbadfca64abea3ef84dfaad414605ab8")
            .render());
    assertEquals(
        nb32,
        ContentAddress.parse("fixed:r:sha256:hwVUEYOvxbrkYGR0XH7pK7ut/KZKvqPvhN+q1BRgWrg=")
            .render());
  }

  @Test
  void sha512RoundTrips() {
    NixHash h = new NixHash(HashAlgorithm.SHA512, new byte[64]);
    ContentAddress ca = new ContentAddress(Method.FLAT, h);
    assertEquals(ContentAddressKind.FLAT_SHA512, ca.kind());
    assertEquals(ca, ContentAddress.parse(ca.render()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no prefix      | sha256:abc            | content address must start with 'text:' or"
            + " 'fixed:': 'sha256:abc'",
        "unknown prefix | nar:sha256:abc        | content address must start with 'text:' or"
            + " 'fixed:': 'nar:sha256:abc'",
        "no algorithm   | fixed:abc             | content address has no '<algo>:' before the hash:"
            + " 'fixed:abc'",
        "bad algorithm  | fixed:r:sha3:abc      | unknown hash algorithm 'sha3' (expected md5,"
            + " sha1, sha256 or sha512)",
        "text sha1      | text:sha1:143xibwh31h9bvxzalr0sjvbbvpa6ffs | text content address must"
            + " use sha256, not sha1",
        "short hash     | fixed:sha256:abc      | sha256 hash has wrong length 3 (expected 64 hex,"
            + " 52 nixbase32 or 44 base64 characters)",
        "SRI inside     | fixed:sha256-hwVUEYOvxbrkYGR0XH7pK7ut/KZKvqPvhN+q1BRgWrg= | content"
            + " address has no '<algo>:' before the hash:"
            + " 'fixed:sha256-hwVUEYOvxbrkYGR0XH7pK7ut/KZKvqPvhN+q1BRgWrg='",
      })
  void rejectsMalformedAddressesPrecisely(String why, String text, String message) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> ContentAddress.parse(text));
    assertEquals(message, e.getMessage(), why);
  }

  @Test
  void rejectsTextWithOtherAlgorithmWhenBuilt() {
    NixHash sha1 = new NixHash(HashAlgorithm.SHA1, new byte[20]);
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> new ContentAddress(Method.TEXT, sha1));
    assertEquals("text content address must use sha256, not sha1", e.getMessage());
  }

  @Test
  void rejectsDigestOfWrongLengthForKind() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> ContentAddress.of(ContentAddressKind.NAR_SHA256, new byte[20]));
    assertEquals("sha256 digest must be 32 bytes, got 20", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(ContentAddressKind.class)
  void kindNamesAndNumbersMatchTheWireEnum(ContentAddressKind kind) {
    NARInfo.CA.Hash wire = NARInfo.CA.Hash.forNumber(kind.wireNumber());
    assertEquals(kind.name(), wire.name());
    assertEquals(kind, ContentAddressKind.ofWireNumber(wire.getNumber()));
  }

  @Test
  void everyWireConstantHasAKind() {
    for (NARInfo.CA.Hash wire : NARInfo.CA.Hash.values()) {
      if (wire != NARInfo.CA.Hash.UNRECOGNIZED) {
        assertEquals(wire.name(), ContentAddressKind.valueOf(wire.name()).name());
      }
    }
    assertThrows(InvalidRequestException.class, () -> ContentAddressKind.ofWireNumber(9));
  }

  @Test
  void digestIsCopied() {
    byte[] d = HexFormat.of().parseHex("00".repeat(32));
    ContentAddress ca = ContentAddress.of(ContentAddressKind.FLAT_SHA256, d);
    d[0] = 1;
    ca.digest()[1] = 1;
    assertEquals("fixed:sha256:" + "0".repeat(52), ca.render());
  }
}
