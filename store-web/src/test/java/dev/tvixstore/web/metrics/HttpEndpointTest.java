package dev.tvixstore.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpEndpointTest {
  @Test
  void pathsFallIntoAFewLabels() {
    assertEquals(HttpEndpoint.NARINFO, HttpEndpoint.of("/" + "0".repeat(32) + ".narinfo"));
    assertEquals(HttpEndpoint.NAR, HttpEndpoint.of("/nar/" + "1".repeat(52) + ".nar.xz"));
    assertEquals(HttpEndpoint.NIX_CACHE_INFO, HttpEndpoint.of("/nix-cache-info"));
    assertEquals(HttpEndpoint.ADMIN_API, HttpEndpoint.of("/admin/api/tokens/3"));
    assertEquals(HttpEndpoint.CONSOLE, HttpEndpoint.of("/admin"));
    assertEquals(HttpEndpoint.CONSOLE, HttpEndpoint.of("/VAADIN/build/x.js"));
    assertEquals(HttpEndpoint.OTHER, HttpEndpoint.of("/nar/a/b.nar"));
    assertEquals(HttpEndpoint.OTHER, HttpEndpoint.of("/x/y.narinfo"));
    assertEquals(HttpEndpoint.OTHER, HttpEndpoint.of("/"));
    assertEquals("nix_cache_info", HttpEndpoint.NIX_CACHE_INFO.label());
  }
}
