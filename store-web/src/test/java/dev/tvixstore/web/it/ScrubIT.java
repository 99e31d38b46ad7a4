package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.web.cli.ScrubCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scrub end to end, on a store of its own (a shared one carries other tests' damage): paths
 * uploaded by real {@code nix copy}, one chunk file corrupted and another deleted; {@code admin
 * scrub} names both chunks and exactly the paths they break and exits 3; their NARs are 503; the
 * same NARs PUT again heal the store, they are served byte for byte, and the next scrub is clean
 * (exit 0). The CLI runs in this JVM through {@link ScrubCommand#run}: the {@code admin}
 * dispatcher of the launcher jar comes with the admin API's own branch.
 */
class ScrubIT {
  /** A stored path, its NAR's URL, and the chunk files of its big file. */
  private record Victim(String path, String narUrl, List<String> chunkHexes) {}

  @Test
  void scrubFindsDamageNamesPathsFailsClosedAndReuploadHeals() throws Exception {
    Nix.requireInstalled();
    Path dir = Files.createTempDirectory("tvix-scrub-it");
    String tag = NixCacheIT.tag("scrub");
    Nix nix = new Nix(dir.resolve("client"));
    List<String> added = new ArrayList<>();
    try (RunningStore store = RunningStore.start("scrub-it", dir.resolve("data"), Map.of())) {
      CacheHttp http = new CacheHttp(store.httpPort());
      Map<String, byte[]> contents = new LinkedHashMap<>();
      String a = addDir(nix, dir.resolve(tag + "-a"), "sub/file.bin", 1 << 20, 1, contents);
      String b = addDir(nix, dir.resolve(tag + "-b"), "file.bin", 700_000, 2, contents);
      String c = addDir(nix, dir.resolve(tag + "-c"), "small.txt", 100, 3, contents);
      added.addAll(List.of(a, b, c));
      Nix.Result up = nix.copyTo(http.base() + "?compression=none", added);
      assertEquals(0, up.exit(), up.toString());
      Victim va = victim(nix, store, a, contents.get(a));
      Victim vb = victim(nix, store, b, contents.get(b));
      Victim vc = victim(nix, store, c, contents.get(c));
      Path chunks = dir.resolve("data").resolve("chunks");
      String corrupt = va.chunkHexes().get(1);
      Path corruptFile = chunks.resolve(corrupt.substring(0, 2)).resolve(corrupt);
      byte[] bytes = Files.readAllBytes(corruptFile);
      bytes[bytes.length / 2] ^= 0x40;
      Files.write(corruptFile, bytes);
      String missing = vb.chunkHexes().getLast();
      Files.delete(chunks.resolve(missing.substring(0, 2)).resolve(missing));

      Scrubbed first = scrub(http, store.adminToken());
      assertEquals(ScrubCommand.DAMAGED, first.exit(), first.toString());
      assertEquals(List.of(a), first.breaks().get(corrupt), first.toString());
      assertEquals(List.of(b), first.breaks().get(missing), first.toString());
      assertEquals(2, first.breaks().size(), first.toString());
      assertTrue(first.out().contains(corrupt + " (corrupt)"), first.toString());
      assertTrue(first.out().contains(missing + " (missing)"), first.toString());
      assertFalse(first.out().contains(c), first.toString());

      assertEquals(503, http.get(va.narUrl()).statusCode(), "corrupt: quarantined, fails closed");
      assertEquals(503, http.get(vb.narUrl()).statusCode());
      assertEquals(200, http.get(vc.narUrl()).statusCode());

      for (Victim v : List.of(va, vb)) {
        byte[] nar = dump(v.path());
        assertEquals(204, http.put(v.narUrl(), nar).statusCode(), "the same NAR, PUT again");
        var served = http.get(v.narUrl());
        assertEquals(200, served.statusCode());
        assertArrayEquals(nar, served.body());
      }
      Scrubbed second = scrub(http, store.adminToken());
      assertEquals(ScrubCommand.CLEAN, second.exit(), second.toString());
      assertTrue(second.out().contains(" clean: "), second.toString());
      assertTrue(second.breaks().isEmpty(), second.toString());
    } finally {
      for (String p : added) {
        nix.run("nix-store", "--delete", p);
      }
    }
  }

  private static String addDir(Nix nix, Path dir, String file, int size, long seed,
      Map<String, byte[]> contents) throws Exception {
    byte[] content = new byte[size];
    // Distinct for distinct seeds: "seed ^ dir.hashCode()" gave a and b the same bytes whenever
    // their names' hashes (one apart) differed just in the two bits the seeds 1 and 2 flip.
    new Random(31L * dir.hashCode() + seed).nextBytes(content);
    Path f = dir.resolve(file);
    Files.createDirectories(f.getParent());
    Files.write(f, content);
    String path = nix.ok("nix-store", "--add", dir.toString());
    contents.put(path, content);
    return path;
  }

  private static Victim victim(Nix nix, RunningStore store, String path, byte[] content)
      throws Exception {
    String narHash = nix.ok("nix-store", "--query", "--hash", path).replace("sha256:", "");
    List<String> hexes;
    try (CastoreClient castore = new CastoreClient(store.grpcPort())) {
      hexes = castore.stat(ByteString.copyFrom(B3Digest.hash(content).toBytes()), true)
          .getChunksList().stream()
          .map(ch -> HexFormat.of().formatHex(ch.getDigest().toByteArray()))
          .toList();
    }
    return new Victim(path, "/nar/" + narHash + ".nar", hexes);
  }

  /** {@code nix-store --dump}: the path's NAR, bytes as they are. */
  private static byte[] dump(String path) throws Exception {
    Process p = new ProcessBuilder("nix-store", "--dump", path)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] nar = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue());
    return nar;
  }

  /** What {@code admin scrub} printed, and each damaged chunk with the paths it breaks. */
  private record Scrubbed(int exit, String out, String err, Map<String, List<String>> breaks) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private static Scrubbed scrub(CacheHttp http, String adminToken) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ScrubCommand.run(HttpClient.newHttpClient(), URI.create(http.base()),
        Optional.of(adminToken), List.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    Map<String, List<String>> breaks = new LinkedHashMap<>();
    String current = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("damaged chunk ")) {
        current = line.split(" ")[2];
        breaks.put(current, new ArrayList<>());
      } else if (line.startsWith("damaged ")) {
        current = null;
      } else if (line.startsWith("  breaks ") && current != null) {
        breaks.get(current).add(line.substring("  breaks ".length()));
      }
    }
    return new Scrubbed(exit, text, err.toString(StandardCharsets.UTF_8), breaks);
  }
}
