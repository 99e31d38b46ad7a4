package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import com.google.gson.JsonObject;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.testing.Vectors;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The binary cache over plain HTTP: the vectors uploaded as Nix wrote them and served back byte for
 * byte, and the statuses and headers of DESIGN §5 that Nix does not show.
 */
@ExtendWith(CacheServer.Shared.class)
class CacheHttpIT {
  private static final String ZEROS_32 = "0".repeat(32);
  private static final String ZEROS_52 = "0".repeat(52);

  static CacheServer server;
  static CacheHttp http;

  /** Uploads every vector (NAR uncompressed, then the narinfo Nix wrote) once for the class. */
  @BeforeAll
  static void uploadVectors(CacheServer shared) throws Exception {
    server = shared;
    http = shared.http();
    for (JsonObject c : Vectors.cases()) {
      byte[] nar = Files.readAllBytes(Vectors.nar(c));
      String narUrl = "/" + narInfoUrl(c);
      assertEquals(204, http.put(narUrl, nar).statusCode(), narUrl);
      assertEquals(
          204, http.put(narInfoPath(c), narInfo(c).getBytes(StandardCharsets.UTF_8)).statusCode());
    }
  }

  private static String narInfo(JsonObject c) {
    return Vectors.text(c.get("narinfo_file").getAsString());
  }

  private static String narInfoPath(JsonObject c) {
    return "/" + c.get("store_path_hash").getAsString() + ".narinfo";
  }

  private static String narInfoUrl(JsonObject c) {
    return c.get("narinfo_url").getAsString();
  }

  @Test
  void vectorsAreServedBackByteForByte() throws Exception {
    for (JsonObject c : Vectors.cases()) {
      HttpResponse<byte[]> info = http.get(narInfoPath(c));
      assertEquals(200, info.statusCode(), Vectors.id(c));
      assertEquals(narInfo(c), new String(info.body(), StandardCharsets.UTF_8), Vectors.id(c));
      assertEquals(Optional.of("text/x-nix-narinfo"), info.headers().firstValue("Content-Type"));

      HttpResponse<byte[]> nar = http.get("/" + narInfoUrl(c));
      assertEquals(200, nar.statusCode());
      assertArrayEquals(Files.readAllBytes(Vectors.nar(c)), nar.body(), Vectors.id(c));
      assertEquals(
          Optional.of("public, max-age=31536000, immutable"),
          nar.headers().firstValue("Cache-Control"));
    }
  }

  @Test
  void headAnswersFromMetadataAndRangesAreServed() throws Exception {
    JsonObject c = Vectors.caseById("large-file");
    byte[] nar = Files.readAllBytes(Vectors.nar(c));
    String url = "/" + narInfoUrl(c);

    HttpResponse<byte[]> head = http.head(url);
    assertEquals(200, head.statusCode());
    assertEquals(
        Optional.of(Long.toString(nar.length)), head.headers().firstValue("Content-Length"));
    assertEquals(Optional.of("bytes"), head.headers().firstValue("Accept-Ranges"));
    assertEquals(200, http.head(narInfoPath(c)).statusCode());

    HttpResponse<byte[]> part = http.get(url, "Range", "bytes=1000-1999");
    assertEquals(206, part.statusCode());
    assertEquals(
        Optional.of("bytes 1000-1999/" + nar.length), part.headers().firstValue("Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(nar, 1000, 2000), part.body());
    HttpResponse<byte[]> tail = http.get(url, "Range", "bytes=-100");
    assertArrayEquals(Arrays.copyOfRange(nar, nar.length - 100, nar.length), tail.body());

    HttpResponse<byte[]> beyond = http.get(url, "Range", "bytes=" + nar.length + "-");
    assertEquals(416, beyond.statusCode());
    assertEquals(
        Optional.of("bytes */" + nar.length), beyond.headers().firstValue("Content-Range"));
  }

  @Test
  void unknownAndMalformedNamesAre404And400WithAOneLineReason() throws Exception {
    assertStatus(404, http.get("/" + ZEROS_32 + ".narinfo"));
    assertStatus(404, http.head("/" + ZEROS_32 + ".narinfo"));
    assertStatus(404, http.get("/nar/" + ZEROS_52 + ".nar"));
    assertStatus(404, http.head("/nar/" + ZEROS_52 + ".nar.xz"));
    assertStatus(400, http.get("/abc.narinfo"));
    assertStatus(400, http.get("/" + "e".repeat(32) + ".narinfo")); // 'e' is not nixbase32
    assertStatus(400, http.get("/nar/abc.nar"));
    assertStatus(400, http.get("/nar/" + ZEROS_52 + ".nar.gz"));
  }

  @Test
  void uploadsThatDoNotCheckOutAreRefused() throws Exception {
    byte[] nar = Files.readAllBytes(Vectors.nar(Vectors.caseById("regular-file")));
    // The body does not hash to its name: 400, and the name stays unknown.
    HttpResponse<byte[]> refused = http.put("/nar/" + ZEROS_52 + ".nar", nar);
    assertStatus(400, refused);
    // An error answer to an upload ends the connection: the body may be unread.
    assertEquals(Optional.of("close"), refused.headers().firstValue("connection"));
    assertStatus(404, http.head("/nar/" + ZEROS_52 + ".nar"));
    // A narinfo for a NAR never uploaded, and one over the size limit.
    JsonObject other = Vectors.caseById("regular-file");
    String text = narInfo(other).replace(other.get("nar_sha256_nixbase32").getAsString(), ZEROS_52);
    assertStatus(400, http.put(narInfoPath(other), text.getBytes(StandardCharsets.UTF_8)));
    assertStatus(413, http.put("/" + ZEROS_32 + ".narinfo", new byte[65 << 10]));
  }

  /**
   * A NAR declared too large is refused before its body is read. Payara acknowledges {@code Expect:
   * 100-continue} before the application sees the request, so the 413 follows a 100.
   */
  @Test
  void aNarDeclaredOverTheLimitIs413BeforeItsBody() throws Exception {
    try (Socket s = new Socket("127.0.0.1", http.port())) {
      s.setSoTimeout(60_000);
      String head =
          "PUT /nar/"
              + ZEROS_52
              + ".nar HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/x-nix-nar\r\nExpect: 100-continue\r\n"
              + "Content-Length: "
              + (CacheServer.MAX_NAR_SIZE + 1)
              + "\r\n\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String status = in.readLine();
      while (status != null && (status.startsWith("HTTP/1.1 100") || !status.startsWith("HTTP/"))) {
        status = in.readLine();
      }
      assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
    }
  }

  /** A NAR small as sent but too large once decompressed is refused while it streams. */
  @Test
  void aNarOverTheLimitOnceDecompressedIs413() throws Exception {
    byte[] bomb = zstdNarOfZeros(CacheServer.MAX_NAR_SIZE + (1 << 20));
    String name = NixHash.sha256Of(bomb).toNixbase32() + ".nar.zst";
    assertStatus(413, http.put("/nar/" + name, bomb));
    assertStatus(404, http.head("/nar/" + name));
  }

  private static void assertStatus(int status, HttpResponse<byte[]> response) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertEquals(status, response.statusCode(), response.uri() + ": " + body);
    if (!response.request().method().equals("HEAD")) {
      assertTrue(body.endsWith("\n") && body.indexOf('\n') == body.length() - 1, body);
    }
  }

  /** A NAR holding one regular file of {@code size} zero bytes, zstd-compressed. */
  private static byte[] zstdNarOfZeros(long size) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out, 1)) {
      for (String token : new String[] {"nix-archive-1", "(", "type", "regular", "contents"}) {
        writeString(z, token.getBytes(StandardCharsets.US_ASCII));
      }
      writeLong(z, size);
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        z.write(zeros, 0, (int) Math.min(left, zeros.length));
      }
      writeString(z, ")".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  private static void writeString(ZstdOutputStream out, byte[] s) throws Exception {
    writeLong(out, s.length);
    out.write(s);
    out.write(new byte[(8 - s.length % 8) % 8]);
  }

  private static void writeLong(ZstdOutputStream out, long v) throws Exception {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
  }
}
