package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.NixHash;
import org.junit.jupiter.api.Test;

class NarFileNameTest {
  private static final String HASH = "12sspc82hiisxblz087zga2kvny6yzbic86phw3pzkg2ifgc2x8g";

  @Test
  void readsTheHashAndTheCompressionOfEachExtension() {
    NixHash hash = NixHash.parseAnyPrefixed("sha256:" + HASH);
    assertEquals(new NarFileName(hash, Compression.NONE), NarFileName.parse(HASH + ".nar"));
    assertEquals(new NarFileName(hash, Compression.XZ), NarFileName.parse(HASH + ".nar.xz"));
    assertEquals(new NarFileName(hash, Compression.ZSTD), NarFileName.parse(HASH + ".nar.zst"));
    assertEquals(new NarFileName(hash, Compression.BZIP2), NarFileName.parse(HASH + ".nar.bz2"));
    assertEquals(HASH + ".nar.zst", NarFileName.parse(HASH + ".nar.zst").render());
  }

  @Test
  void refusesOtherNames() {
    for (String name :
        new String[] {
          HASH,
          HASH + ".nar.gz",
          HASH + ".narinfo",
          HASH.substring(1) + ".nar",
          HASH.replace('1', 'e') + ".nar",
          "x.nar",
          HASH + ".nar.xz.xz",
          ""
        }) {
      assertThrows(InvalidRequestException.class, () -> NarFileName.parse(name), name);
    }
  }
}
