package dev.tvixstore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin command line against a stub of the admin API on a local port. */
class AdminCliTest {
  @TempDir Path tmp;
  private HttpServer server;
  private final Map<String, Deque<String[]>> replies = new ConcurrentHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
      synchronized (requests) {
        requests.add(key);
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      }
      Deque<String[]> q = replies.get(key);
      String[] r = q == null ? new String[] {"404", "{\"error\":\"no stub for " + key + "\"}"}
          : q.size() > 1 ? q.poll() : q.peek();
      byte[] body = r[1].getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(Integer.parseInt(r[0]), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void stub(String request, String... statusAndBodies) {
    Deque<String[]> q = new ArrayDeque<>();
    for (int i = 0; i < statusAndBodies.length; i += 2) {
      q.add(new String[] {statusAndBodies[i], statusAndBodies[i + 1]});
    }
    replies.put(request, q);
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--url", "http://127.0.0.1:" + server.getAddress().getPort()));
    all.addAll(List.of(args));
    return new AdminCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String run(String state, String phase, long done, long total, String extra) {
    return "{\"id\":7,\"dryRun\":true,\"state\":\"" + state + "\",\"phase\":\"" + phase
        + "\",\"done\":" + done + ",\"total\":" + total + ",\"freed\":{\"directories\":2,"
        + "\"blobs\":4,\"chunks\":10,\"chunkBytes\":11199,\"orphanFiles\":0,\"orphanBytes\":0,"
        + "\"uploads\":1,\"bytes\":11199}" + extra + "}";
  }

  @Test
  void gcPrintsProgressAndASummaryAndSendsTheToken() throws IOException {
    Path token = Files.writeString(tmp.resolve("token"), "s3cret\n");
    stub("POST /admin/api/gc?dryRun=true", "202", "{\"id\":7,\"dryRun\":true}");
    stub("GET /admin/api/gc/runs/7",
        "200", run("RUNNING", "MARK", 5, 0, ""),
        "200", run("RUNNING", "COUNT", 0, 0, ""),
        "200", run("SUCCEEDED", "DONE", 0, 0, ",\"finishedAt\":\"x\""));
    int code = new AdminCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), java.net.http.HttpClient.newHttpClient())
        .run(List.of("--url", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
            "--token-file", token.toString(), "gc", "--dry-run"));
    assertEquals(0, code, err());
    String o = out();
    assertTrue(o.startsWith("GC run 7 started (dry run)\n  MARK 5\n  COUNT\n  DONE\n"), o);
    assertTrue(o.contains("GC run 7 SUCCEEDED: would free 2 directories, 4 blobs, 10 chunks,"
        + " 0 orphan files, 1 upload records; 10.9 KiB (11199 bytes)"), o);
    assertTrue(authorizations.stream().allMatch("Bearer s3cret"::equals), authorizations::toString);
  }

  @Test
  void aFailedRunExitsNonZeroWithItsReason() {
    stub("POST /admin/api/gc?dryRun=false", "202", "{\"id\":7}");
    stub("GET /admin/api/gc/runs/7",
        "200", run("FAILED", "SWEEP_BLOBS", 0, 0, ",\"error\":\"SWEEP_BLOBS: disk gone\""));
    assertEquals(1, run("gc"));
    assertEquals("tvix-store admin: GC run 7 FAILED: SWEEP_BLOBS: disk gone\n", err());
  }

  @Test
  void aSecondGcIsRefusedWithTheServersReason() {
    stub("POST /admin/api/gc?dryRun=false", "409",
        "{\"error\":\"a garbage collection is running already\"}");
    assertEquals(1, run("gc"));
    assertEquals("tvix-store admin: a garbage collection is running already\n", err());
  }

  @Test
  void deleteNamesTheReferrersWhenRefused() {
    String p = "00bgd045z0d4icpbc2yyz4gx48ak44la-a";
    stub("DELETE /admin/api/paths/" + p, "409",
        "{\"error\":\"referenced\",\"paths\":[\"11bgd045z0d4icpbc2yyz4gx48ak44la-c\"]}");
    assertEquals(1, run("delete", "/nix/store/" + p));
    assertEquals("  11bgd045z0d4icpbc2yyz4gx48ak44la-c\n", out());
    assertEquals("tvix-store admin: referenced\n", err());
  }

  @Test
  void deleteWithReferrersListsWhatWent() {
    String p = "00bgd045z0d4icpbc2yyz4gx48ak44la-a";
    stub("DELETE /admin/api/paths/" + p + "?withReferrers=true", "200",
        "{\"deleted\":[\"" + p + "\",\"11bgd045z0d4icpbc2yyz4gx48ak44la-c\"]}");
    assertEquals(0, run("delete", p, "--with-referrers"));
    assertTrue(out().startsWith("deleted /nix/store/" + p
        + "\ndeleted /nix/store/11bgd045z0d4icpbc2yyz4gx48ak44la-c\n"), out());
  }

  @Test
  void pinUnpinAndStats() {
    String p = "00bgd045z0d4icpbc2yyz4gx48ak44la-a";
    stub("POST /admin/api/pins/" + p, "200", "{\"pinned\":\"" + p + "\",\"changed\":true}");
    stub("DELETE /admin/api/pins/" + p, "200", "{\"unpinned\":\"" + p + "\",\"changed\":false}");
    stub("GET /admin/api/stats", "200", "{\"paths\":3,\"databaseProduct\":\"H2\"}");
    assertEquals(0, run("pin", p));
    assertEquals(0, run("unpin", p));
    assertEquals(0, run("stats"));
    assertEquals("pinned /nix/store/" + p + "\nwas not pinned /nix/store/" + p
        + "\npaths: 3\ndatabaseProduct: H2\n", out());
  }

  @Test
  void badArgumentsExitTwoWithUsage() {
    assertEquals(2, run());
    assertTrue(err().startsWith("tvix-store admin: no command given\nusage:"), err());
    assertEquals(2, run("frob"));
    assertEquals(2, run("delete"));
    assertEquals(2, run("gc", "--now"));
    assertEquals(2, new AdminCli(System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of("--url", "ftp://x", "stats")));
    assertTrue(requests.isEmpty(), requests::toString);
  }

  @Test
  void anUnreachableServerExitsThree() {
    server.stop(0);
    assertEquals(3, run("stats"));
    assertTrue(err().startsWith("tvix-store admin: cannot reach http://127.0.0.1:"), err());
  }

  @Test
  void aReplyThatIsNotJsonIsReported() {
    stub("GET /admin/api/stats", "200", "<html>");
    assertEquals(3, run("stats"));
    assertTrue(err().contains("without JSON: <html>"), err());
  }
}
