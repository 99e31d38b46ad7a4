package dev.tvixstore.web.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts and times every HTTP request, first of all filters. It passes the container's own request
 * and response on unwrapped (the cache's NAR serving needs them, see {@code ConnectionAbort}), so
 * bytes are taken from the {@code Content-Length} headers: exact for the cache's endpoints, which
 * always send one, and for uploads, which Nix always declares.
 */
public class HttpMetricsFilter extends HttpFilter {

  @Inject private StoreMetrics metrics;

  @Override
  public void init(FilterConfig config) throws ServletException {
    super.init(config);
    metrics.registerGauges(); // at deployment, so the gauges exist before the first request
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    int status = 500;
    try {
      chain.doFilter(request, response);
      status = response.getStatus();
    } finally {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      long sent =
          request.getMethod().equals("HEAD") ? 0 : headerLong(response.getHeader("Content-Length"));
      metrics.httpRequest(
          HttpEndpoint.of(path),
          request.getMethod(),
          status,
          System.nanoTime() - start,
          Math.max(0, request.getContentLengthLong()),
          sent);
    }
  }

  private static long headerLong(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
