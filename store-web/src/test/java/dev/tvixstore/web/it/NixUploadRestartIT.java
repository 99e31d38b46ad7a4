package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NAR -> root record between an upload's two PUTs is durable (DESIGN §5): the server is killed
 * after {@code nix copy} PUT a NAR but before its narinfo got in; on the restarted server Nix finds
 * the NAR already there (HEAD 200), skips it, and its narinfo PUT completes the path. On the way:
 * the signing key generated into the data dir is kept across the restart, and a configured write
 * token is enforced (401 without it, Nix's netrc-file supplies it).
 */
class NixUploadRestartIT {
  private static final Pattern NAR_PUT = Pattern.compile("uploading '(http://[^/]+)(/nar/[^']+)'");

  @TempDir Path tmp;

  @Test
  void anUploadCutBetweenNarAndNarInfoCompletesAfterARestart() throws Exception {
    Nix.requireInstalled();
    Path data = tmp.resolve("data");
    String tag = NixCacheIT.tag("restart");
    Path dir = Files.createDirectories(tmp.resolve(tag));
    byte[] content = new byte[2 << 20];
    new Random(tag.hashCode()).nextBytes(content);
    Files.write(dir.resolve("file.bin"), content);
    Nix nix = new Nix(tmp.resolve("client-1"));
    String path = nix.ok("nix-store", "--add", dir.toString());
    try {
      String narFile;
      String publicKey;
      // Narinfos of 64 bytes at most: the NAR goes in, its narinfo is refused.
      try (RunningStore first =
          RunningStore.start(
              "restart-before", data, Map.of("TVIX_STORE_CACHE_MAX_NARINFO_SIZE", "64"))) {
        Nix.Result cut = nix.copyTo("http://127.0.0.1:" + first.httpPort(), List.of(path));
        assertNotEquals(0, cut.exit(), cut.toString());
        assertTrue(cut.stderr().contains("413"), cut.stderr());
        Matcher m = NAR_PUT.matcher(cut.stderr());
        assertTrue(m.find(), cut.stderr());
        narFile = m.group(2);
        publicKey = Files.readString(data.resolve("signing-key.pub")).strip();
        assertTrue(first.log().contains("trusted-public-keys = " + publicKey), first.log());
        first.kill(); // only what was committed survives
      }

      try (RunningStore second =
          RunningStore.start(
              "restart-after", data, Map.of("TVIX_STORE_AUTH_ANONYMOUS_WRITES", "false"))) {
        String url = "http://127.0.0.1:" + second.httpPort();
        CacheHttp http = new CacheHttp(second.httpPort());
        assertEquals(200, http.head(narFile).statusCode(), "the NAR upload survived");
        assertTrue(second.log().contains("narinfos are signed by " + publicKey), second.log());

        Nix client = new Nix(tmp.resolve("client-2"));
        Nix.Result denied = client.copyTo(url, List.of(path));
        assertNotEquals(0, denied.exit(), denied.toString());
        assertTrue(denied.stderr().contains("401"), denied.stderr());

        // The admin token the first start wrote covers writes (issue 9).
        String token = Files.readString(data.resolve("admin-token")).strip();
        Path netrc = tmp.resolve("netrc");
        Files.writeString(netrc, "machine 127.0.0.1\nlogin nix\npassword " + token + "\n");
        Nix.Result done =
            client.run(
                "nix", "copy", "-v", "--to", url, "--option", "netrc-file", netrc.toString(), path);
        assertEquals(0, done.exit(), done.toString());
        assertTrue(!NAR_PUT.matcher(done.stderr()).find(), "no second NAR upload:\n" + done);

        Path root = tmp.resolve("store");
        Nix fresh = new Nix(tmp.resolve("client-3"));
        Nix.Result back = fresh.substitute(root, url, publicKey, List.of(path));
        assertEquals(0, back.exit(), back.toString());
        assertEquals(nix.hashPath(Path.of(path)), nix.hashPath(Path.of(root + path)));
        second.stop();
      }
    } finally {
      nix.run("nix-store", "--delete", path);
    }
  }
}
