package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage collection end to end (issue 7) against the running jar with grace PT0S: paths uploaded
 * by real Nix, deleted and collected through the admin command line; what remains substitutes
 * back identical; a server killed in the middle of a GC (at two points) recovers on the next run.
 */
class GcIT {
  @TempDir static Path tmp;

  private static Map<String, String> env(Path key, String haltAt) throws IOException {
    if (!Files.exists(key)) {
      Files.writeString(key, Vectors.text("keys/test-cache-1.sk"));
    }
    return haltAt == null
        ? Map.of("TVIX_STORE_SIGNING_KEY_FILES", key.toString(), "TVIX_STORE_GC_GRACE", "PT0S")
        : Map.of("TVIX_STORE_SIGNING_KEY_FILES", key.toString(), "TVIX_STORE_GC_GRACE", "PT0S",
            "TVIX_STORE_GC_TEST_HALT_AT", haltAt);
  }

  private static String publicKey() {
    return Vectors.text("keys/test-cache-1.pk").strip();
  }

  private static void assertSubstitutedIdentical(
      Nix nix, int httpPort, Path root, List<String> tops, List<String> closure)
      throws Exception {
    Nix.Result r = nix.substitute(root, "http://127.0.0.1:" + httpPort, publicKey(), tops);
    assertEquals(0, r.exit(), r.toString());
    for (String p : closure) {
      assertEquals(nix.hashPath(Path.of(p)), nix.hashPath(Path.of(root + p)), p);
    }
  }

  private static long freed(String what, String summary) {
    Matcher m = Pattern.compile("(\\d+) " + what).matcher(summary);
    assertTrue(m.find(), summary);
    return Long.parseLong(m.group(1));
  }

  @Test
  void deletedPathsAreCollectedAndTheRestSubstitutesIdentical() throws Exception {
    Nix.requireInstalled();
    Nix uploader = new Nix(tmp.resolve("client-up"));
    NixPaths a = NixPaths.make(uploader, tmp, NixCacheIT.tag("gc-a"), 3 << 20);
    NixPaths b = NixPaths.make(uploader, tmp, NixCacheIT.tag("gc-b"), 3 << 20);
    try (RunningStore store =
        RunningStore.start("gc-it", tmp.resolve("data"), env(tmp.resolve("k.sk"), null))) {
      int port = store.httpPort();
      Nix.Result up = uploader.copyTo(
          "http://127.0.0.1:" + port + "?compression=zstd", List.of(a.built(), b.built()));
      assertEquals(0, up.exit(), up.toString());

      // b's large file is referenced by its text file: refused, naming it, unless asked.
      AdminCommandLine.Result refused = AdminCommandLine.run(store, "delete", b.large());
      assertEquals(1, refused.exit(), refused.toString());
      assertTrue(refused.out().contains(Path.of(b.text()).getFileName().toString()),
          refused.toString());
      AdminCommandLine.Result deleted =
          AdminCommandLine.run(store, "delete", b.large(), "--with-referrers");
      assertEquals(0, deleted.exit(), deleted.toString());
      for (String p : List.of(b.large(), b.text(), b.built())) {
        assertTrue(deleted.out().contains("deleted " + p), deleted.toString());
      }

      AdminCommandLine.Result dry = AdminCommandLine.run(store, "gc", "--dry-run");
      assertEquals(0, dry.exit(), dry.toString());
      assertTrue(dry.out().contains("SUCCEEDED: would free"), dry.toString());
      AdminCommandLine.Result gc = AdminCommandLine.run(store, "gc");
      assertEquals(0, gc.exit(), gc.toString());
      assertTrue(gc.out().contains("SUCCEEDED: freed"), gc.toString());
      String drySummary = dry.out().lines().filter(l -> l.contains("would free")).findFirst()
          .orElseThrow();
      String summary = gc.out().lines().filter(l -> l.contains("freed")).findFirst()
          .orElseThrow();
      assertTrue(freed("chunks", summary) > 0, summary);
      assertEquals(freed("chunks", drySummary), freed("chunks", summary));
      assertEquals(freed("blobs", drySummary), freed("blobs", summary));

      List<String> remaining = new ArrayList<>(a.all());
      remaining.add(b.tree());
      assertSubstitutedIdentical(new Nix(tmp.resolve("client-fresh")), port,
          tmp.resolve("store-fresh"), List.of(a.built(), b.tree()), remaining);
      CacheHttp http = new CacheHttp(port);
      String hash = Path.of(b.large()).getFileName().toString().substring(0, 32);
      assertEquals(404, http.get("/" + hash + ".narinfo").statusCode());

      AdminCommandLine.Result again = AdminCommandLine.run(store, "gc");
      assertEquals(0, again.exit(), again.toString());
      assertEquals(0, freed("chunks", again.out()), again.toString());
    } finally {
      a.delete(uploader);
      b.delete(uploader);
    }
  }

  /**
   * kill -9 (a halt at a GC point, test-only switch) after the chunk rows went but before their
   * files, then while a rowless file sits in trash; each restart's GC finishes the job.
   */
  @Test
  void aGcKilledMidwayIsFinishedByTheNextRun() throws Exception {
    Nix.requireInstalled();
    Nix uploader = new Nix(tmp.resolve("client-kill"));
    NixPaths c = NixPaths.make(uploader, tmp, NixCacheIT.tag("gc-kill"), 3 << 20);
    Path data = tmp.resolve("data-kill");
    Path key = tmp.resolve("k2.sk");
    try {
      try (RunningStore store = RunningStore.start("gc-kill-1", data,
          env(key, "chunk-rows-deleted"))) {
        int port = store.httpPort();
        Nix.Result up = uploader.copyTo(
            "http://127.0.0.1:" + port + "?compression=none", List.of(c.built()));
        assertEquals(0, up.exit(), up.toString());
        AdminCommandLine.Result del =
            AdminCommandLine.run(store, "delete", c.large(), "--with-referrers");
        assertEquals(0, del.exit(), del.toString());
        AdminCommandLine.Result gc = AdminCommandLine.run(store, "gc");
        assertNotEquals(0, gc.exit(), gc.toString());
      }
      try (RunningStore store = RunningStore.start("gc-kill-2", data, env(key, "trashed"))) {
        AdminCommandLine.Result gc = AdminCommandLine.run(store, "gc");
        assertNotEquals(0, gc.exit(), gc.toString());
      }
      try (RunningStore store = RunningStore.start("gc-kill-3", data, env(key, null))) {
        int port = store.httpPort();
        AdminCommandLine.Result gc = AdminCommandLine.run(store, "gc");
        assertEquals(0, gc.exit(), gc.toString());
        assertTrue(freed("orphan files", gc.out()) > 0, gc.toString());
        AdminCommandLine.Result again = AdminCommandLine.run(store, "gc", "--dry-run");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("would free 0 directories, 0 blobs, 0 chunks,"
            + " 0 orphan files"), again.toString());
        assertSubstitutedIdentical(new Nix(tmp.resolve("client-kill-fresh")), port,
            tmp.resolve("store-kill-fresh"), List.of(c.tree()), List.of(c.tree()));
        try (var files = Files.walk(data.resolve("chunks"))) {
          assertTrue(files.noneMatch(f -> f.toString().endsWith(".gc-trash")));
        }
      }
    } finally {
      c.delete(uploader);
    }
  }
}
