package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.protos.castore.StatBlobResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fail closed (DESIGN §5), seen by real Nix: a NAR with a chunk file gone is answered 503 before
 * any byte and Nix fails cleanly; a NAR with a chunk file corrupt breaks off mid-transfer and Nix
 * registers nothing. Each test damages a path of its own.
 */
@ExtendWith(CacheServer.Shared.class)
class NixCacheDataLossIT {
  static CacheServer server;

  @BeforeAll
  static void connect(CacheServer shared) {
    server = shared;
  }

  /** A path holding one file of 1 MiB (about four chunks), uploaded uncompressed. */
  private record Victim(String path, String narUrl, List<Path> chunkFiles) {}

  private static Victim upload(Nix nix, String tag) throws Exception {
    byte[] content = new byte[1 << 20];
    new Random(tag.hashCode()).nextBytes(content);
    Path dir = server.scratch(tag).resolve(tag);
    Files.createDirectories(dir);
    Files.write(dir.resolve("file.bin"), content);
    String path = nix.ok("nix-store", "--add", dir.toString());
    Nix.Result up = nix.copyTo(server.url() + "?compression=none", List.of(path));
    assertEquals(0, up.exit(), up.toString());
    String narHash = nix.ok("nix-store", "--query", "--hash", path).replace("sha256:", "");
    String narUrl = "/nar/" + narHash + ".nar";

    List<Path> chunks;
    try (CastoreClient castore = new CastoreClient(server.grpcPort())) {
      StatBlobResponse stat =
          castore.stat(ByteString.copyFrom(B3Digest.hash(content).toBytes()), true);
      chunks =
          stat.getChunksList().stream()
              .map(c -> HexFormat.of().formatHex(c.getDigest().toByteArray()))
              .map(
                  hex ->
                      server.dataDir().resolve("chunks").resolve(hex.substring(0, 2)).resolve(hex))
              .toList();
    }
    assertTrue(chunks.size() > 1, "the file spans several chunks: " + chunks);
    chunks.forEach(c -> assertTrue(Files.isRegularFile(c), c.toString()));
    return new Victim(path, narUrl, chunks);
  }

  @Test
  void aNarWithAChunkMissingIs503BeforeAnyByteAndNixFailsCleanly() throws Exception {
    String tag = NixCacheIT.tag("missing");
    Nix nix = new Nix(server.scratch(tag).resolve("client"));
    Victim v = upload(nix, tag);
    try {
      Files.delete(v.chunkFiles().get(v.chunkFiles().size() / 2));

      HttpResponse<byte[]> get = server.http().get(v.narUrl());
      assertEquals(503, get.statusCode());
      String reason = new String(get.body(), StandardCharsets.UTF_8);
      assertTrue(reason.endsWith("\n") && reason.indexOf('\n') == reason.length() - 1, reason);
      assertTrue(reason.contains("content missing"), reason);

      Path root = server.scratch(tag).resolve("store");
      Nix fresh = new Nix(server.scratch(tag).resolve("fresh"));
      Nix.Result r = fresh.substitute(root, server.url(), server.publicKey(), List.of(v.path()));
      assertNotEquals(0, r.exit(), r.toString());
      assertTrue(r.stderr().contains("503"), r.stderr());
      assertFalse(Files.exists(Path.of(root + v.path())), "nothing of it in the store");
    } finally {
      nix.run("nix-store", "--delete", v.path());
    }
  }

  @Test
  void aNarWithAChunkCorruptBreaksOffAndNixRegistersNothing() throws Exception {
    String tag = NixCacheIT.tag("corrupt");
    Nix nix = new Nix(server.scratch(tag).resolve("client"));
    Victim v = upload(nix, tag);
    try {
      // Still there (the check before the status line passes), but no longer what it was.
      Path chunk = v.chunkFiles().getLast();
      byte[] garbage = new byte[(int) Files.size(chunk)];
      new Random(1).nextBytes(garbage);
      Files.write(chunk, garbage);

      assertThrows(IOException.class, () -> server.http().get(v.narUrl()));

      Path root = server.scratch(tag).resolve("store");
      Nix fresh = new Nix(server.scratch(tag).resolve("fresh"));
      Nix.Result r = fresh.substitute(root, server.url(), server.publicKey(), List.of(v.path()));
      assertNotEquals(0, r.exit(), r.toString());
      // Nix may leave the partial download on disk, but never registers it as valid.
      Nix.Result valid =
          fresh.run("nix-store", "--store", root.toString(), "--check-validity", v.path());
      assertNotEquals(0, valid.exit(), valid.toString());
    } finally {
      nix.run("nix-store", "--delete", v.path());
    }
  }
}
