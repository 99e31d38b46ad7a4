package dev.tvixstore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tvixstore.ejb.scrub.ScrubDamage;
import dev.tvixstore.ejb.scrub.ScrubRun;
import dev.tvixstore.web.admin.api.ScrubJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command against a fake admin API that answers with the real resource's JSON. */
class ScrubCommandTest {
  private static final String CHUNK = "ab".repeat(32);

  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private final Deque<String> runAnswers = new ConcurrentLinkedDeque<>();
  private int startStatus = 202;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange x) throws IOException {
    synchronized (requests) {
      requests.add(x.getRequestMethod() + " " + x.getRequestURI() + " "
          + x.getRequestHeaders().getFirst("Authorization"));
    }
    String path = x.getRequestURI().getPath();
    int status;
    String body;
    if (x.getRequestMethod().equals("POST") && path.equals("/admin/api/scrub")) {
      status = startStatus;
      body = "{\"id\":7}";
    } else if (path.equals("/admin/api/scrub/runs/7")) {
      status = 200;
      body = runAnswers.size() > 1 ? runAnswers.poll() : runAnswers.peek();
    } else {
      status = 404;
      body = "{\"error\":\"no\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(bytes);
    }
  }

  private static ScrubRun run(String state, String phase, long damage) {
    return new ScrubRun(7, state, phase, Instant.parse("2026-11-25T19:00:00Z"),
        state.equals("running") ? null : Instant.parse("2026-11-25T19:01:00Z"), 0, 10,
        state.equals("running") ? 4 : 10, 3 << 20, 5, 0, 2, 0, damage, 0, null);
  }

  private int command(String... args) {
    return ScrubCommand.run(HttpClient.newHttpClient(),
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Optional.of("s3cret"),
        List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofMillis(5));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsProgressThenEachDamagedChunkWithThePathsItBreaksAndExits3() {
    runAnswers.add(ScrubJson.run(run("running", "chunks", 0), List.of()).toString());
    ScrubDamage damage = new ScrubDamage("chunk", CHUNK, "corrupt", "hashes to \"x\"\n",
        Instant.now(), null, null,
        List.of("/nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-a", "/nix/store/2ki7-b"));
    runAnswers.add(ScrubJson.run(run("damaged", "done", 1), List.of(damage)).toString());
    assertEquals(ScrubCommand.DAMAGED, command("--rate", "2.5"), out() + err);
    String text = out();
    assertTrue(text.contains("scrub run 7 started"), text);
    assertTrue(text.contains("chunks: chunks 4/10 (3.0 MiB)"), text);
    assertTrue(text.contains("damaged chunk " + CHUNK + " (corrupt): hashes to \"x\"\n"), text);
    assertTrue(text.contains("  breaks /nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-a\n"), text);
    assertTrue(text.contains("  breaks /nix/store/2ki7-b\n"), text);
    assertEquals("POST /admin/api/scrub?rate=2.5 Bearer s3cret", requests.getFirst());
  }

  @Test
  void aCleanRunExits0() {
    runAnswers.add(ScrubJson.run(run("clean", "done", 0), List.of()).toString());
    assertEquals(ScrubCommand.CLEAN, command(), out() + err);
    assertTrue(out().contains("scrub run 7 clean: 10 chunks (3.0 MiB), 0 blobs, 0 directories"
        + " checked; 0 damaged"), out());
  }

  @Test
  void aRunningScrubIsWaitedFor() {
    startStatus = 409;
    runAnswers.add(ScrubJson.run(run("failed", "blobs", 0), List.of()).toString());
    assertEquals(ScrubCommand.FAILED, command(), out() + err);
    assertTrue(out().contains("a scrub is running already (run 7); waiting for it"), out());
  }

  @Test
  void refusedRequestsAndBadArgumentsAreErrors() {
    startStatus = 403;
    assertEquals(ScrubCommand.FAILED, command());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("HTTP 403"), err.toString());
    assertEquals(ScrubCommand.USAGE, command("--fast"));
  }

  @Test
  void theJsonReaderReadsWhatTheResourceWrites() {
    String text = "quote \" backslash \\ tab \t ctrl \u0001 é";
    String damage =
        ScrubJson.damage(
                new ScrubDamage("chunk", CHUNK, "corrupt", text,
                    Instant.parse("2026-11-25T19:00:00Z"), null, null, List.of()))
            .toString();
    Object v = Json.parse("{\"a\": [1, -2.5e3, true, null], \"d\": " + damage + "}");
    assertEquals("{a=[1, -2500.0, true, null], d={kind=chunk, digest=" + CHUNK
        + ", problem=corrupt, detail=" + text + ", foundAt=2026-11-25T19:00:00Z, resolvedAt=null,"
        + " resolution=null, storePaths=[]}}", v.toString());
  }
}
