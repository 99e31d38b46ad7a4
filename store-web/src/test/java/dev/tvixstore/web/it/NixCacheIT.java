package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The binary cache with real Nix 2.8 against the running jar (issue 6): {@code nix copy --to}
 * uploads in each compression, a fresh store substitutes everything back identical, signatures are
 * enforced. Each test makes its own store paths (and deletes them from the machine's store
 * afterwards). Data loss is {@link NixCacheDataLossIT}, HTTP details {@link CacheHttpIT}: all on
 * one {@link CacheServer}.
 */
@ExtendWith(CacheServer.Shared.class)
class NixCacheIT {
  @TempDir static Path tmp;

  static CacheServer server;

  @BeforeAll
  static void connect(CacheServer shared) {
    server = shared;
  }

  static String tag(String what) {
    byte[] r = new byte[4];
    ThreadLocalRandom.current().nextBytes(r);
    return "tvix-it-" + what + "-" + HexFormat.of().formatHex(r);
  }

  /**
   * Uploads a tree, a large file, a text file referring to them and an input-addressed build output
   * with {@code compression}, then substitutes the closure into an empty store, as a fresh client
   * and (for compressed uploads) as the uploader, whose Nix remembers the narinfos it uploaded and
   * so fetches the compressed file they name.
   */
  @ParameterizedTest
  @ValueSource(strings = {"none", "xz", "zstd"})
  void nixUploadsPathsAndSubstitutesThemBackIdentical(String compression) throws Exception {
    Nix uploader = new Nix(tmp.resolve("client-up-" + compression));
    NixPaths paths = NixPaths.make(uploader, tmp, tag(compression), 24 << 20);
    try {
      String to = server.url() + (compression.equals("xz") ? "" : "?compression=" + compression);
      Nix.Result up = uploader.copyTo(to, List.of(paths.built()));
      assertEquals(0, up.exit(), up.toString());
      // Four NARs went up, each as a file of the compression asked for.
      String ext =
          Map.of("none", ".nar'...", "xz", ".nar.xz'...", "zstd", ".nar.zst'...").get(compression);
      long narPuts =
          up.stderr().lines().filter(l -> l.startsWith("uploading '") && l.endsWith(ext)).count();
      assertEquals(4, narPuts, up.stderr());

      Nix fresh = new Nix(tmp.resolve("client-fresh-" + compression));
      assertSubstitutedIdentical(
          fresh, tmp.resolve("store-fresh-" + compression), paths.built(), paths.all());
      if (!compression.equals("none")) {
        // The uploader's Nix uses the narinfos it uploaded: they carry no signature of ours, so
        // only the content-addressed paths (the text file's closure) come from it.
        List<String> ca = List.of(paths.tree(), paths.large(), paths.text());
        assertSubstitutedIdentical(
            uploader, tmp.resolve("store-up-" + compression), paths.text(), ca);
      }
    } finally {
      paths.delete(uploader);
    }
  }

  /** Substitutes {@code top} into {@code root} and compares {@code closure} with the originals. */
  private static void assertSubstitutedIdentical(
      Nix nix, Path root, String top, List<String> closure) throws Exception {
    Nix.Result r = nix.substitute(root, server.url(), server.publicKey(), List.of(top));
    assertEquals(0, r.exit(), r.toString());
    for (String p : closure) {
      assertEquals(nix.hashPath(Path.of(p)), nix.hashPath(Path.of(root + p)), p);
    }
  }

  /**
   * Nix accepts an input-addressed path only with a signature by a trusted key: under another key
   * (same name or not) it refuses it, while content-addressed paths need no signature.
   */
  @Test
  void anInputAddressedPathIsRefusedUnderAnUntrustedKey() throws Exception {
    Nix uploader = new Nix(tmp.resolve("client-up-keys"));
    NixPaths paths = NixPaths.make(uploader, tmp, tag("keys"), 1 << 20);
    try {
      Nix.Result up = uploader.copyTo(server.url() + "?compression=none", List.of(paths.built()));
      assertEquals(0, up.exit(), up.toString());
      String sameNameOtherKey =
          "test-cache-1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
      for (String wrong :
          List.of(sameNameOtherKey, "other-cache-1:6exz6ruaCMSoY9D4ZAhpgh2JPpMUm/au5UQppznudeE=")) {
        Nix fresh = new Nix(tmp.resolve("client-keys-" + wrong.hashCode()));
        Path root = tmp.resolve("store-keys-" + wrong.hashCode());
        Nix.Result r = fresh.substitute(root, server.url(), wrong, List.of(paths.built()));
        assertNotEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(Path.of(root + paths.built())), "nothing of it in the store");
        Nix.Result ca = fresh.substitute(root, server.url(), wrong, List.of(paths.tree()));
        assertEquals(0, ca.exit(), ca.toString());
        assertTrue(Files.isDirectory(Path.of(root + paths.tree())));
      }
    } finally {
      paths.delete(uploader);
    }
  }
}
