package dev.tvixstore.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP against the binary cache, for what Nix does not show: statuses, headers, bodies. */
final class CacheHttp {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final int port;
  private final String base;

  CacheHttp(int port) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  String base() {
    return base;
  }

  HttpResponse<byte[]> get(String path, String... headers)
      throws IOException, InterruptedException {
    return send(request(path, headers).GET().build());
  }

  HttpResponse<byte[]> head(String path) throws IOException, InterruptedException {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  HttpResponse<byte[]> put(String path, byte[] body) throws IOException, InterruptedException {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return b;
  }
}
