package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FastCdc against the test vectors of the Rust crate fastcdc 3.2.1 ({@code src/v2020/mod.rs}),
 * on the crate's fixture {@code test/fixtures/SekienAkashita.jpg} (109466 bytes, copied here).
 */
class FastCdcTest {

  static byte[] sekien() throws IOException {
    try (InputStream in = FastCdcTest.class.getResourceAsStream("SekienAkashita.jpg")) {
      return in.readAllBytes();
    }
  }

  /** The crate's {@code chunker.cut(cursor, remaining)} loop: (hash, length) per chunk. */
  private static List<long[]> cutAll(FastCdc cdc, byte[] data) {
    List<long[]> out = new ArrayList<>();
    int cursor = 0;
    while (cursor < data.length) {
      FastCdc.Cut cut = cdc.cut(data, cursor, data.length - cursor);
      out.add(new long[] {cut.hash(), cut.length()});
      cursor += cut.length();
    }
    return out;
  }

  private static void assertCuts(FastCdc cdc, String... expected) throws IOException {
    List<long[]> actual = cutAll(cdc, sekien());
    List<String> got = new ArrayList<>();
    for (long[] c : actual) {
      got.add(Long.toUnsignedString(c[0]) + ":" + c[1]);
    }
    assertEquals(List.of(expected), got);
  }

  @Test
  void sekien16kChunksMatchTheCrate() throws IOException {
    assertCuts(
        FastCdc.of(4096, 16384, 65535, 1),
        "17968276318003433923:21325",
        "8197189939299398838:17140",
        "13019990849178155730:28084",
        "4509236223063678303:18217",
        "2504464741100432583:24700");
  }

  @Test
  void sekien32kChunksMatchTheCrate() throws IOException {
    assertCuts(
        FastCdc.of(8192, 32768, 131072, 1),
        "15733367461443853673:66549",
        "6321136627705800457:42917");
  }

  @Test
  void sekien64kChunksMatchTheCrate() throws IOException {
    assertCuts(FastCdc.of(16384, 65536, 262144, 1), "2504464741100432583:109466");
  }

  @Test
  void sekienNormalizationLevel0MatchesTheCrate() throws IOException {
    assertCuts(
        FastCdc.of(4096, 16384, 65535, 0),
        "443122261039895162:6634",
        "15733367461443853673:59915",
        "10460176299449652894:25597",
        "6197802202431009942:5237",
        "6321136627705800457:12083");
  }

  @Test
  void sekienNormalizationLevel3MatchesTheCrate() throws IOException {
    assertCuts(
        FastCdc.of(8192, 16384, 32768, 3),
        "10718006254707412376:17350",
        "13104072099671895560:19911",
        "12322483109039221194:17426",
        "16009206469796846404:17519",
        "2473608525189754172:19940",
        "2504464741100432583:17320");
  }

  @Test
  void streamingSekien16kGivesTheCratesChunkDigests() throws Exception {
    // The crate's test_stream_sekien_16k_chunks: offsets, lengths and MD5 of each chunk.
    byte[] data = sekien();
    List<String> got = new ArrayList<>();
    long[] offset = {0};
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    StreamingChunker chunker =
        new StreamingChunker(
            FastCdc.of(4096, 16384, 65535, 1),
            (b, off, len) -> {
              md5.update(b, off, len);
              got.add(offset[0] + ":" + len + ":" + HexFormat.of().formatHex(md5.digest()));
              offset[0] += len;
            });
    chunker.update(data, 0, data.length);
    chunker.finish();
    assertEquals(
        List.of(
            "0:21325:2bb52734718194617c957f5e07ee6054",
            "21325:17140:badfb0757fe081c20336902e7131f768",
            "38465:28084:18412d7414de6eb42f638351711f729d",
            "66549:18217:04fe1405fc5f960363bfcd834c056407",
            "84766:24700:1aa7ad95f274d6ba34a983946ebc5af3"),
        got);
  }

  @Test
  void allZerosAlwaysCutsAtTheMaximum() {
    // The crate's test_cut_all_zeros.
    byte[] zeros = new byte[10240];
    FastCdc cdc = FastCdc.of(64, 256, 1024, 1);
    int cursor = 0;
    for (int i = 0; i < 10; i++) {
      FastCdc.Cut cut = cdc.cut(zeros, cursor, zeros.length - cursor);
      assertEquals(Long.parseUnsignedLong("14169102344523991076"), cut.hash());
      assertEquals(1024, cut.length());
      cursor += cut.length();
    }
    assertEquals(0, cdc.cut(zeros, cursor, 0).length());
  }

  @Test
  void roundedLog2MatchesTheCrate() {
    int[][] cases = {
      {0, 0}, {1, 0}, {2, 1}, {3, 2}, {5, 2}, {6, 3}, {11, 3}, {12, 4}, {19, 4}, {64, 6},
      {128, 7}, {256, 8}, {512, 9}, {1024, 10}, {16383, 14}, {16384, 14}, {16385, 14},
      {32767, 15}, {32768, 15}, {32769, 15}, {65535, 16}, {65536, 16}, {65537, 16},
      {1_048_575, 20}, {1_048_576, 20}, {1_048_577, 20}, {4_194_303, 22}, {4_194_304, 22},
      {4_194_305, 22}, {16_777_215, 24}, {16_777_216, 24}, {16_777_217, 24},
      // Around the rounding threshold 2^17.5 = 185363.8.
      {185363, 17}, {185364, 18},
    };
    for (int[] c : cases) {
      assertEquals(c[1], FastCdc.roundedLog2(c[0]), "log2 of " + c[0]);
    }
  }

  @Test
  void gearTableIsTheMd5DerivedTable() throws NoSuchAlgorithmException {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    long[] expected = new long[256];
    for (int i = 0; i < 256; i++) {
      byte[] seed = new byte[64];
      Arrays.fill(seed, (byte) i);
      expected[i] = ByteBuffer.wrap(md5.digest(seed)).getLong();
    }
    assertArrayEquals(expected, FastCdc.GEAR);
    // Spot checks against the crate's literal GEAR_LS table.
    assertEquals(0x76ba78fa40fc6fb8L, FastCdc.GEAR_LS[0]);
    assertEquals(0xf09ad1752224610cL, FastCdc.GEAR_LS[1]);
  }

  @Test
  void tvixSizesAreHalfAndDoubleTheAverage() {
    FastCdc cdc = FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE);
    assertEquals(128 * 1024, cdc.minSize());
    assertEquals(256 * 1024, cdc.avgSize());
    assertEquals(512 * 1024, cdc.maxSize());
  }

  @Test
  void rejectsSizesOutsideTheCratesBounds() {
    assertMessage("minimum chunk size must be 64", () -> FastCdc.of(63, 256, 1024, 1));
    assertMessage("average chunk size must be 256", () -> FastCdc.of(64, 255, 1024, 1));
    assertMessage("maximum chunk size must be 1024", () -> FastCdc.of(64, 256, 1023, 1));
    assertMessage("maximum chunk size must be 1024", () -> FastCdc.of(64, 256, 16_777_217, 1));
    assertMessage("minimum chunk size must be 64", () -> FastCdc.forAverage(4 * 1024 * 1024));
    assertMessage("maximum chunk size must be 1024", () -> FastCdc.forAverage(256));
    assertMessage("minimum <= average <= maximum", () -> FastCdc.of(2048, 1024, 4096, 1));
    assertMessage("normalization level must be 0 to 3", () -> FastCdc.of(64, 256, 1024, 4));
  }

  private static void assertMessage(String part, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
