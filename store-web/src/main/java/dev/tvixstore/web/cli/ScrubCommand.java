package dev.tvixstore.web.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code admin scrub [--rate MiB/s]}: starts a scrub through the admin API (or waits for the one
 * running), prints its progress while it runs, then a summary and every damaged object with its
 * hex digest and the store paths it breaks. Exit code {@value #CLEAN} when clean, {@value #DAMAGED}
 * when damage exists, {@value #FAILED} when the scrub or a request failed, {@value #USAGE} for
 * bad arguments. Plain JDK only: the launcher jar has no server libraries on its class path.
 */
public final class ScrubCommand {
  public static final int CLEAN = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int DAMAGED = 3;

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final double MIB = 1024 * 1024;

  private ScrubCommand() {}

  /**
   * Runs the command.
   *
   * @param baseUrl the store's HTTP root, e.g. {@code http://127.0.0.1:8080/}
   * @param token the write token, sent as a bearer token
   * @param args what follows {@code scrub} on the command line
   * @return the exit code
   */
  public static int run(HttpClient http, URI baseUrl, Optional<String> token, List<String> args,
      PrintStream out, PrintStream err) {
    return run(http, baseUrl, token, args, out, err, POLL);
  }

  static int run(HttpClient http, URI baseUrl, Optional<String> token, List<String> args,
      PrintStream out, PrintStream err, Duration poll) {
    String query = "";
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--rate") && i + 1 < args.size()) {
        query = "?rate=" + java.net.URLEncoder.encode(args.get(++i), StandardCharsets.UTF_8);
      } else {
        err.println("usage: admin scrub [--rate MiB/s]   (unknown argument " + args.get(i) + ")");
        return USAGE;
      }
    }
    URI base = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
    try {
      HttpResponse<String> started =
          send(http, token, HttpRequest.newBuilder(base.resolve("admin/api/scrub" + query))
              .POST(HttpRequest.BodyPublishers.noBody()));
      if (started.statusCode() != 202 && started.statusCode() != 409) {
        return failed(err, "starting a scrub", started);
      }
      long id = ((Number) object(started.body()).get("id")).longValue();
      out.println(started.statusCode() == 409
          ? "a scrub is running already (run " + id + "); waiting for it"
          : "scrub run " + id + " started");
      URI runUri = base.resolve("admin/api/scrub/runs/" + id);
      String lastLine = "";
      while (true) {
        HttpResponse<String> got = send(http, token, HttpRequest.newBuilder(runUri).GET());
        if (got.statusCode() != 200) {
          return failed(err, "reading scrub run " + id, got);
        }
        Map<String, Object> run = object(got.body());
        if (!"running".equals(run.get("state"))) {
          return report(run, out);
        }
        String line = progress(run);
        if (!line.equals(lastLine)) {
          out.println(line);
          lastLine = line;
        }
        Thread.sleep(poll.toMillis());
      }
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      err.println("scrub: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("scrub: interrupted");
      return FAILED;
    }
  }

  private static HttpResponse<String> send(HttpClient http, Optional<String> token,
      HttpRequest.Builder request) throws IOException, InterruptedException {
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    request.header("Accept", "application/json").timeout(Duration.ofMinutes(1));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static int failed(PrintStream err, String what, HttpResponse<String> response) {
    err.println("scrub: " + what + " failed: HTTP " + response.statusCode() + ": "
        + response.body().strip());
    return FAILED;
  }

  private static String progress(Map<String, Object> run) {
    Map<String, Object> chunks = obj(run, "chunks");
    return String.format("  %s: chunks %d/%d (%.1f MiB), blobs %d/%d, directories %d/%d,"
            + " damaged %d", run.get("phase"), num(chunks, "done"), num(chunks, "total"),
        num(chunks, "bytes") / MIB, num(obj(run, "blobs"), "done"),
        num(obj(run, "blobs"), "total"), num(obj(run, "directories"), "done"),
        num(obj(run, "directories"), "total"), num(run, "damageCount"));
  }

  private static int report(Map<String, Object> run, PrintStream out) {
    String state = (String) run.get("state");
    out.println(progress(run));
    out.printf("scrub run %d %s: %d chunks (%.1f MiB), %d blobs, %d directories checked;"
            + " %d damaged, %d could not be checked%n", num(run, "id"), state,
        num(obj(run, "chunks"), "done"), num(obj(run, "chunks"), "bytes") / MIB,
        num(obj(run, "blobs"), "done"), num(obj(run, "directories"), "done"),
        num(run, "damageCount"), num(run, "errorCount"));
    if (run.get("error") != null) {
      out.println("error: " + run.get("error"));
    }
    for (Object o : (List<?>) run.get("damage")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> d = (Map<String, Object>) o;
      out.println("damaged " + d.get("kind") + " " + d.get("digest") + " (" + d.get("problem")
          + "): " + d.get("detail"));
      List<?> paths = (List<?>) d.get("storePaths");
      if (paths.isEmpty()) {
        out.println("  needed by no stored path");
      }
      paths.forEach(p -> out.println("  breaks " + p));
    }
    return switch (state) {
      case "clean" -> CLEAN;
      case "damaged" -> DAMAGED;
      default -> FAILED;
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Map<String, Object> o, String key) {
    return (Map<String, Object>) o.get(key);
  }

  private static long num(Map<String, Object> o, String key) {
    return ((Number) o.get(key)).longValue();
  }

  private static Map<String, Object> object(String json) {
    return Json.object(json); // the admin client's parser: the launcher jar has no JSON library
  }
}
