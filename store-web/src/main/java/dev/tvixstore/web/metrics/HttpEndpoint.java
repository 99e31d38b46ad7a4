package dev.tvixstore.web.metrics;

import java.util.Locale;

/**
 * What an HTTP request was for, as a metrics label: a handful of values, whatever the path (a
 * label per path would make a series per store path).
 */
public enum HttpEndpoint {
  NARINFO,
  NAR,
  NIX_CACHE_INFO,
  ADMIN_API,
  CONSOLE,
  OTHER;

  /** The label as it appears in {@code /metrics}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The endpoint of a request path (without the context path). */
  public static HttpEndpoint of(String path) {
    if (path.startsWith("/nar/") && path.indexOf('/', 5) < 0) {
      return NAR;
    }
    if (path.endsWith(".narinfo") && path.lastIndexOf('/') == 0) {
      return NARINFO;
    }
    if (path.equals("/nix-cache-info")) {
      return NIX_CACHE_INFO;
    }
    if (path.startsWith("/admin/api/") || path.equals("/admin/api")) {
      return ADMIN_API;
    }
    if (path.startsWith("/admin") || path.startsWith("/VAADIN/")) {
      return CONSOLE;
    }
    return OTHER;
  }
}
