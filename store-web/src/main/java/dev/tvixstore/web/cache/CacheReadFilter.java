package dev.tvixstore.web.cache;

import dev.tvixstore.auth.Scope;
import dev.tvixstore.ejb.upload.NarUploadLog;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoIndex;
import dev.tvixstore.store.PathInfoService;
import dev.tvixstore.web.auth.HttpAccess;
import dev.tvixstore.web.error.ErrorResponses;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the binary cache's downloads, GET and HEAD of {@code /<hash>.narinfo} and {@code
 * /nar/<file>} (DESIGN §5), as the first filter, ahead of JAX-RS and Vaadin; everything else
 * (uploads, {@code /nix-cache-info}, the console) passes on.
 *
 * <p>Why a filter rather than JAX-RS resources: these are the requests a cache answers by the
 * thousand, and a narinfo is one indexed lookup, one signature per key and one write of a few
 * hundred bytes, so the per-request overhead of resource matching and request-scoped beans counts;
 * and a NAR found damaged mid-stream must break its connection, for which only the container's own
 * request object, which the first filter sees, has a way ({@link ConnectionAbort}). Store
 * exceptions get the same statuses as everywhere ({@code web.error.HttpStatusMapper}).
 */
public class CacheReadFilter extends HttpFilter {
  private static final String NAR_PREFIX = "/nar/";
  private static final String NARINFO_SUFFIX = ".narinfo";

  @Inject private PathInfoService paths;
  @Inject private PathInfoIndex index;
  @Inject private NarUploadLog uploads;
  @Inject private NarRenderer renderer;
  @Inject private CacheSigningKeys keys;
  @Inject private NarInfoCache narInfos;
  @Inject private KnownNars knownNars;
  @Inject private HttpAccess access;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean nar = path.startsWith(NAR_PREFIX) && path.indexOf('/', NAR_PREFIX.length()) < 0;
    boolean narInfo = !nar && path.endsWith(NARINFO_SUFFIX) && path.lastIndexOf('/') == 0;
    if (!nar && !narInfo) {
      chain.doFilter(request, response);
      return;
    }
    try {
      access.require(request, Scope.READ); // a no-op unless the store is private
      if (nar) {
        new NarServing(new NarDownloads(index, uploads, knownNars), renderer)
            .serve(request, response, path.substring(NAR_PREFIX.length()));
      } else {
        serveNarInfo(request, response, path.substring(1, path.length() - NARINFO_SUFFIX.length()));
      }
    } catch (StoreException e) {
      if (response.isCommitted()) {
        throw new ServletException("a store failure after the response was committed", e);
      }
      ErrorResponses.send(request, response, e);
    }
  }

  private void serveNarInfo(HttpServletRequest request, HttpServletResponse response, String hash)
      throws IOException {
    byte[] body = narInfos.get(hash);
    if (body == null) {
      PathInfo info =
          paths
              .get(NarInfoText.digest(hash))
              .orElseThrow(() -> new NotFoundException("no store path with hash " + hash));
      body = NarInfoText.render(info, keys.keys());
      narInfos.put(hash, body);
      // The client's next request is most likely this NAR (nix copy --from, substitution).
      knownNars.put(info.narSha256(), new NarDownloads.Known(info.node(), info.narSize()));
    }
    response.setContentType(NarInfoText.MEDIA_TYPE);
    response.setContentLength(body.length);
    if (request.getMethod().equals("GET")) {
      // Headers and body leave in one write at the end of the request (DESIGN §5, latency).
      response.getOutputStream().write(body);
    }
  }
}
