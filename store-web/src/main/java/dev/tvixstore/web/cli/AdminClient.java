package dev.tvixstore.web.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Calls the admin API under {@code <base>/admin/api/}, with the admin token if given. */
final class AdminClient {
  private final HttpClient http;
  private final URI base;
  private final Optional<String> token;

  /** The answer to a call: its status and JSON object body. */
  record Reply(int status, Map<String, Object> body) {
    /** The server's one-line reason for an error status. */
    String error() {
      Object e = body.get("error");
      return e == null ? "HTTP " + status : e.toString();
    }
  }

  AdminClient(HttpClient http, URI base, Optional<String> token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  Reply get(String path) throws CliException {
    return send("GET", path);
  }

  Reply post(String path) throws CliException {
    return send("POST", path);
  }

  Reply delete(String path) throws CliException {
    return send("DELETE", path);
  }

  /** A POST with a JSON body. */
  Reply post(String path, String json) throws CliException {
    return send("POST", path, HttpRequest.BodyPublishers.ofString(json));
  }

  private Reply send(String method, String path) throws CliException {
    return send(method, path, HttpRequest.BodyPublishers.noBody());
  }

  private Reply send(String method, String path, HttpRequest.BodyPublisher content)
      throws CliException {
    URI uri = base.resolve("admin/api/" + path);
    HttpRequest.Builder r = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofMinutes(2))
        .header("Accept", "application/json")
        .method(method, content);
    token.ifPresent(t -> r.header("Authorization", "Bearer " + t));
    HttpResponse<String> response;
    try {
      response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CliException(CliException.UNREACHABLE, "cannot reach " + uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted");
    }
    String body = response.body();
    try {
      return new Reply(response.statusCode(), Json.object(body.isBlank() ? "{}" : body));
    } catch (IllegalArgumentException e) {
      throw new CliException(CliException.UNREACHABLE, method + " " + uri + " answered HTTP "
          + response.statusCode() + " without JSON: " + firstLine(body));
    }
  }

  private static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("").strip();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
