package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.UnauthenticatedException;
import dev.tvixstore.grpc.auth.BearerToken;
import dev.tvixstore.grpc.client.GrpcBlobService;
import dev.tvixstore.grpc.client.GrpcDirectoryService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access control against the running jar with the defaults (issue 9): the first start leaves an
 * admin token in the data dir; every write path (gRPC Put, HTTP PUT of NARs and narinfos, the
 * admin API) refuses no token, an unknown, a read-only and a revoked token and takes a valid one;
 * revocation holds from the next request; Nix uploads with a write token from a netrc file.
 */
class AccessControlIT {

  private static final Map<String, String> DEFAULTS =
      Map.of("TVIX_STORE_AUTH_ANONYMOUS_WRITES", "false");

  @TempDir Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();
  private int httpPort;

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String create(String admin, String name, String scope) throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/admin/api/tokens",
            admin,
            "{\"name\":\"" + name + "\",\"scopes\":[\"" + scope + "\"]}");
    assertEquals(201, r.statusCode(), r.body());
    JsonObject created = JsonParser.parseString(r.body()).getAsJsonObject();
    assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith(
        "/admin/api/tokens/" + created.getAsJsonObject("token").get("id").getAsLong()));
    return created.get("secret").getAsString();
  }

  /** The statuses of the two cache uploads, as far as access control lets them get. */
  private List<Integer> cacheWrites(String token) throws Exception {
    return List.of(
        send("PUT", "/" + "0".repeat(32) + ".narinfo", token, "not a narinfo").statusCode(),
        send("PUT", "/nar/" + "0".repeat(52) + ".nar", token, "not a nar").statusCode());
  }

  @Test
  void everyWritePathNeedsAValidTokenWithTheRightScope() throws Exception {
    Path data = tmp.resolve("data");
    String admin;
    try (RunningStore store = RunningStore.start("access-control", data, DEFAULTS)) {
      httpPort = store.httpPort();
      Path file = data.resolve("admin-token");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      admin = Files.readString(file).strip();
      assertTrue(store.log().contains("created an admin token; its secret is in " + file));

      // The admin API: admin tokens only, and a 401 says how to authenticate.
      HttpResponse<String> anonymous = send("GET", "/admin/api/tokens", null, null);
      assertEquals(401, anonymous.statusCode());
      assertEquals(
          Optional.of("Basic realm=\"tvix-store\""),
          anonymous.headers().firstValue("WWW-Authenticate"));
      JsonArray listed =
          JsonParser.parseString(send("GET", "/admin/api/tokens", admin, null).body())
              .getAsJsonObject()
              .getAsJsonArray("tokens");
      assertEquals(1, listed.size());
      assertEquals("admin", listed.get(0).getAsJsonObject().getAsJsonArray("scopes").get(0).getAsString());
      String writer = create(admin, "ci", "write");
      String reader = create(admin, "dashboard", "read");
      assertEquals(403, send("GET", "/admin/api/tokens", writer, null).statusCode());
      assertEquals(401, send("GET", "/admin/api/tokens", "tvs_guess", null).statusCode());
      assertEquals(
          400,
          send("POST", "/admin/api/tokens", admin, "{\"name\":\"x\",\"scopes\":[\"root\"]}")
              .statusCode());

      // Cache uploads: with a write token the request gets past access control to the body
      // checks (400), which is all a garbage body can reach.
      assertEquals(List.of(401, 401), cacheWrites(null));
      assertEquals(List.of(401, 401), cacheWrites("tvs_guess"));
      assertEquals(List.of(403, 403), cacheWrites(reader));
      assertEquals(List.of(400, 400), cacheWrites(writer));
      assertEquals(200, send("GET", "/nix-cache-info", null, null).statusCode());

      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", store.grpcPort()).usePlaintext().build();
      try {
        GrpcDirectoryService anonymousDirs = new GrpcDirectoryService(channel);
        assertThrows(UnauthenticatedException.class, () -> anonymousDirs.put(Directory.EMPTY));
        GrpcDirectoryService readerDirs =
            new GrpcDirectoryService(BearerToken.attach(channel, reader));
        assertThrows(PermissionDeniedException.class, () -> readerDirs.put(Directory.EMPTY));
        GrpcDirectoryService writerDirs =
            new GrpcDirectoryService(BearerToken.attach(channel, writer));
        assertEquals(B3Digest.EMPTY, writerDirs.put(Directory.EMPTY));
        assertEquals(
            Optional.empty(),
            new GrpcBlobService(channel).stat(B3Digest.hash(new byte[] {7}), false));

        // Revocation holds from the very next request, on both protocols.
        long id =
            JsonParser.parseString(send("GET", "/admin/api/tokens", admin, null).body())
                .getAsJsonObject()
                .getAsJsonArray("tokens")
                .get(1)
                .getAsJsonObject()
                .get("id")
                .getAsLong();
        HttpResponse<String> revoked = send("DELETE", "/admin/api/tokens/" + id, admin, null);
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertTrue(revoked.body().contains("\"active\":false"), revoked.body());
        assertThrows(UnauthenticatedException.class, () -> writerDirs.put(Directory.EMPTY));
        assertEquals(List.of(401, 401), cacheWrites(writer));
        assertEquals(404, send("DELETE", "/admin/api/tokens/999999", admin, null).statusCode());
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }

      nixUploadsWithAWriteTokenFromANetrcFile(store, create(admin, "nix", "write"));
    }
    try (RunningStore again = RunningStore.start("access-control-restart", data, DEFAULTS)) {
      assertEquals(admin, Files.readString(data.resolve("admin-token")).strip());
      assertTrue(!again.log().contains("created an admin token"), again.log());
    }
  }

  private void nixUploadsWithAWriteTokenFromANetrcFile(RunningStore store, String token)
      throws Exception {
    Nix.requireInstalled();
    String tag = NixCacheIT.tag("access");
    Path dir = Files.createDirectories(tmp.resolve(tag));
    Files.writeString(dir.resolve("hello.txt"), tag);
    Nix nix = new Nix(tmp.resolve("nix-client"));
    String path = nix.ok("nix-store", "--add", dir.toString());
    try {
      String url = "http://127.0.0.1:" + store.httpPort();
      Nix.Result denied = nix.copyTo(url, List.of(path));
      assertNotEquals(0, denied.exit(), denied.toString());
      assertTrue(denied.stderr().contains("401"), denied.stderr());
      Path netrc = tmp.resolve("netrc");
      Files.writeString(netrc, "machine 127.0.0.1\nlogin nix\npassword " + token + "\n");
      Nix.Result done =
          nix.run("nix", "copy", "--to", url, "--option", "netrc-file", netrc.toString(), path);
      assertEquals(0, done.exit(), done.toString());
      String basename = path.substring("/nix/store/".length(), "/nix/store/".length() + 32);
      assertEquals(200, send("GET", "/" + basename + ".narinfo", null, null).statusCode());
      // Basic with the token as password is also what other HTTP clients may send.
      String basic =
          Base64.getEncoder().encodeToString(("nix:" + token).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> viaBasic =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/" + "0".repeat(32) + ".narinfo"))
                  .header("Authorization", "Basic " + basic)
                  .PUT(HttpRequest.BodyPublishers.ofString("not a narinfo"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, viaBasic.statusCode(), viaBasic.body());
    } finally {
      nix.run("nix-store", "--delete", path);
    }
  }
}
