package dev.tvixstore.nix;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NarInfoParserTest {
  private static final String REGULAR =
      Vectors.text("narinfo/ykl8ndfz01jfxgff2511vynh00rbp7ai.narinfo");
  private static final String NB32 = "1f2sc0ad9anzhkps7gjalvyavfrbx5z5qx34c3jbmidghc8m81c7";
  private static final String SIG =
      "test-cache-1:Z8a78bzZI2uzoZiUT5LBjULkBdEoNCXWM2+P9FGeA1tYW9/tGLljHHX+XmSpgsobAky3jl40IVWH0uDccdZKAA==";

  /** REGULAR with the line starting with {@code key + ": "} replaced (or removed if null). */
  private static String with(String key, String replacement) {
    StringBuilder b = new StringBuilder();
    for (String line : REGULAR.split("\n")) {
      if (line.startsWith(key + ": ")) {
        if (replacement != null) {
          b.append(replacement).append('\n');
        }
      } else {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", "", "narinfo is empty"),
        Arguments.of("no final newline", REGULAR.strip(), "narinfo does not end with a newline"),
        Arguments.of("empty line", REGULAR.replace("URL:", "\nURL:"), "narinfo line 2 is empty"),
        Arguments.of(
            "line without colon",
            with("Compression", "Compression none"),
            "narinfo line 3 has no ':': 'Compression none'"),
        Arguments.of(
            "colon without space",
            with("Compression", "Compression:none"),
            "narinfo line 3: 'Compression:' is not followed by a space"),
        Arguments.of("missing StorePath", with("StorePath", null), "narinfo has no StorePath"),
        Arguments.of("missing URL", with("URL", null), "narinfo has no URL"),
        Arguments.of("missing NarHash", with("NarHash", null), "narinfo has no NarHash"),
        Arguments.of("missing NarSize", with("NarSize", null), "narinfo has no NarSize"),
        Arguments.of(
            "StorePath outside the store",
            with("StorePath", "StorePath: /gnu/store/x"),
            "narinfo line 1 (StorePath): store path must start with /nix/store/: '/gnu/store/x'"),
        Arguments.of(
            "StorePath with bad name",
            with("StorePath", "StorePath: /nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-a b"),
            "narinfo line 1 (StorePath): store path name has invalid character ' ' at position 1:"
                + " 'a b'"),
        Arguments.of("empty URL", with("URL", "URL: "), "narinfo URL is empty"),
        Arguments.of(
            "control character in URL",
            with("URL", "URL: a\tb"),
            "narinfo URL has control character \\u0009 at position 1"),
        Arguments.of(
            "empty Compression",
            with("Compression", "Compression: "),
            "narinfo Compression is empty"),
        Arguments.of(
            "FileHash not sha256",
            with("FileHash", "FileHash: sha1:143xibwh31h9bvxzalr0sjvbbvpa6ffs"),
            "narinfo line 4 (FileHash): hash must be sha256, got sha1"),
        Arguments.of(
            "FileSize not a number",
            with("FileSize", "FileSize: 1e3"),
            "narinfo line 5 (FileSize): not a decimal number: '1e3'"),
        Arguments.of(
            "NarHash too short",
            with("NarHash", "NarHash: sha256:abc"),
            "narinfo line 6 (NarHash): sha256 hash has wrong length 3 (expected 64 hex, 52"
                + " nixbase32 or 44 base64 characters)"),
        Arguments.of(
            "NarHash bad nixbase32",
            with("NarHash", "NarHash: sha256:" + NB32.replace('c', 'e')),
            "narinfo line 6 (NarHash): sha256 hash is not valid nixbase32: invalid character 'e' at"
                + " position 50"),
        Arguments.of(
            "NarHash bad hex",
            with("NarHash", "NarHash: sha256:" + "g".repeat(64)),
            "narinfo line 6 (NarHash): sha256 hash is not valid hex: '" + "g".repeat(64) + "'"),
        Arguments.of(
            "NarHash without algorithm",
            with("NarHash", "NarHash: " + NB32),
            "narinfo line 6 (NarHash): hash has no '<algo>:' or SRI '<algo>-' prefix: '"
                + NB32
                + "'"),
        Arguments.of(
            "NarHash unknown algorithm",
            with("NarHash", "NarHash: blake3:" + NB32),
            "narinfo line 6 (NarHash): unknown hash algorithm 'blake3' (expected md5, sha1, sha256"
                + " or sha512)"),
        Arguments.of(
            "NarHash md5",
            with("NarHash", "NarHash: md5:3y8bwfr609h3lh9ch0izcqq7fl"),
            "narinfo line 6 (NarHash): hash must be sha256, got md5"),
        Arguments.of(
            "NarSize not a number",
            with("NarSize", "NarSize: 136 "),
            "narinfo line 7 (NarSize): not a decimal number: '136 '"),
        Arguments.of(
            "NarSize negative",
            with("NarSize", "NarSize: -136"),
            "narinfo line 7 (NarSize): not a decimal number: '-136'"),
        Arguments.of(
            "NarSize empty",
            with("NarSize", "NarSize: "),
            "narinfo line 7 (NarSize): number is empty"),
        Arguments.of(
            "NarSize too large",
            with("NarSize", "NarSize: 9223372036854775808"),
            "narinfo line 7 (NarSize): number is too large: '9223372036854775808'"),
        Arguments.of(
            "NarSize zero",
            with("NarSize", "NarSize: 0"),
            "narinfo NarSize must be positive, got 0"),
        Arguments.of(
            "duplicated URL",
            REGULAR + "URL: nar/x.nar\n",
            "narinfo line 11 (URL): key appears more than once"),
        Arguments.of(
            "duplicated References",
            REGULAR + "References: \n",
            "narinfo line 11 (References): key appears more than once"),
        Arguments.of(
            "duplicated CA",
            REGULAR + "CA: fixed:r:sha256:" + NB32 + "\n",
            "narinfo line 11 (CA): key appears more than once"),
        Arguments.of(
            "bad reference basename",
            with("References", "References: regular-file.txt"),
            "narinfo line 8 (References): store path basename is too short (16 characters):"
                + " 'regular-file.txt'"),
        Arguments.of(
            "reference as full path",
            with("References", "References: /nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-x"),
            "narinfo line 8 (References): store path basename has no '-' after the 32-character"
                + " hash part: '/nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-x'"),
        Arguments.of(
            "bad Deriver",
            with("References", "References: \nDeriver: foo.drv"),
            "narinfo line 9 (Deriver): store path basename is too short (7 characters): 'foo.drv'"),
        Arguments.of(
            "Sig without key name",
            with("Sig", "Sig: " + SIG.substring(13)),
            "narinfo line 9 (Sig): signature has no '<key name>:' prefix: '"
                + SIG.substring(13)
                + "'"),
        Arguments.of(
            "Sig with empty key name",
            with("Sig", "Sig: " + SIG.substring(12)),
            "narinfo line 9 (Sig): key name is empty"),
        Arguments.of(
            "Sig too short",
            with("Sig", "Sig: test-cache-1:AAAA"),
            "narinfo line 9 (Sig): signature of key 'test-cache-1' must be 88 base64 characters,"
                + " got 4"),
        Arguments.of(
            "Sig not base64",
            with("Sig", "Sig: " + SIG.replace('+', '*')),
            "narinfo line 9 (Sig): signature of key 'test-cache-1' is not valid base64: '"
                + SIG.substring(13).replace('+', '*')
                + "'"),
        Arguments.of(
            "Sig not canonical",
            with("Sig", "Sig: " + SIG.replace("AA==", "AB==")),
            "narinfo line 9 (Sig): signature of key 'test-cache-1' is not canonical base64 of 64"
                + " bytes"),
        Arguments.of(
            "bad CA",
            with("CA", "CA: fixed:r:sha256:abc"),
            "narinfo line 10 (CA): sha256 hash has wrong length 3 (expected 64 hex, 52 nixbase32 or"
                + " 44 base64 characters)"),
        Arguments.of(
            "CA with unknown method",
            with("CA", "CA: nar:sha256:" + NB32),
            "narinfo line 10 (CA): content address must start with 'text:' or 'fixed:':"
                + " 'nar:sha256:"
                + NB32
                + "'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedInputWithItsOwnMessage(String why, String text, String message) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> NarInfo.parse(text));
    assertEquals(message, e.getMessage(), why);
  }

  @Test
  void everyMalformedCaseHasADistinctMessage() {
    List<Arguments> all = malformed().toList();
    Set<Object> messages = new HashSet<>();
    all.forEach(a -> messages.add(a.get()[2]));
    assertEquals(all.size(), messages.size());
  }

  @Test
  void rejectsTooLongText() {
    String text = REGULAR + "X: " + "a".repeat(NarInfoParser.MAX_LENGTH) + "\n";
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> NarInfo.parse(text));
    assertTrue(
        e.getMessage().startsWith("narinfo is longer than 1048576 characters"), e.getMessage());
  }

  @Test
  void rejectsTooManyLines() {
    String text = REGULAR + "X: y\n".repeat(NarInfoParser.MAX_LINES);
    LimitExceededException e =
        assertThrows(LimitExceededException.class, () -> NarInfo.parse(text));
    assertEquals("narinfo has more than 1000 lines", e.getMessage());
  }

  @Test
  void ignoresUnknownKeysLikeNix() {
    NarInfo plain = NarInfo.parse(REGULAR);
    assertEquals(plain, NarInfo.parse("System: x86_64-linux\n" + REGULAR + "Future: 1\nX: \n"));
  }

  @Test
  void readsMissingCompressionAsBzip2LikeNix() {
    NarInfo info = NarInfo.parse(with("Compression", null));
    assertEquals("bzip2", info.compression());
    assertEquals(info, NarInfo.parse(info.render()));
  }

  @Test
  void fileHashAndFileSizeAreOptional() {
    NarInfo info = NarInfo.parse(with("FileHash", null).replace("FileSize: 136\n", ""));
    assertEquals(Optional.empty(), info.fileHash());
    assertTrue(info.fileSize().isEmpty());
    assertEquals(with("FileHash", null).replace("FileSize: 136\n", ""), info.render());
  }

  @Test
  void readsUnknownDeriverAndEmptyCaAsAbsentLikeNix() {
    NarInfo info =
        NarInfo.parse(
            with("CA", "CA: ")
                .replace("References: \n", "References: \nDeriver: unknown-deriver\n"));
    assertEquals(Optional.empty(), info.deriver());
    assertEquals(Optional.empty(), info.ca());
  }

  @Test
  void acceptsHexAndSriHashesAndRendersNixbase32() {
    NarInfo expected = NarInfo.parse(REGULAR);
    String hex = "8705541183afc5bae46064745c7ee92bbbadfca64abea3ef84dfaad414605ab8";
    String sri = "sha256-hwVUEYOvxbrkYGR0XH7pK7ut/KZKvqPvhN+q1BRgWrg=";
    String text =
        with("NarHash", "NarHash: sha256:" + hex)
            .replace("FileHash: sha256:" + NB32, "FileHash: " + sri);
    NarInfo info = NarInfo.parse(text);
    assertEquals(expected, info);
    assertEquals(REGULAR, info.render());
  }

  @Test
  void sortsAndDeduplicatesReferencesAndSignaturesLikeNixSets() {
    String withRefs = Vectors.text("narinfo/a3n9b4cq6yr6cwmrm9k4cp3bai6sl6nv.narinfo");
    String refs =
        "References: ykl8ndfz01jfxgff2511vynh00rbp7ai-regular-file.txt "
            + " 6n7s8bb5flcv2dgv6g59waysmw1gln8m-exec-script"
            + " ykl8ndfz01jfxgff2511vynh00rbp7ai-regular-file.txt";
    String reordered =
        withRefs.replaceFirst("References: [^\n]*", refs).replaceFirst("(Sig: [^\n]*\n)", "$1$1");
    NarInfo info = NarInfo.parse(reordered);
    assertEquals(withRefs, info.render());

    String other = "a-key:" + SIG.substring(13);
    NarInfo two = NarInfo.parse(with("Sig", "Sig: " + SIG + "\nSig: " + other));
    assertEquals(List.of(other, SIG), two.signatures().stream().map(NarSignature::render).toList());
  }
}
