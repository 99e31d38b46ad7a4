package dev.tvixstore.web.cache;

import dev.tvixstore.auth.Scope;
import dev.tvixstore.ejb.upload.NarUploadLog;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.store.PathInfoIndex;
import dev.tvixstore.store.PathInfoService;
import dev.tvixstore.web.auth.HttpAccess;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code PUT /<hash>.narinfo} (DESIGN §5): stores the path a client uploads ({@link
 * NarInfoUploader}). GET and HEAD are served by {@link CacheReadFilter}.
 */
@Path("{hash: [^/]+}.narinfo")
@RequestScoped
public class NarInfoResource {

  @Inject private PathInfoService paths;
  @Inject private PathInfoIndex index;
  @Inject private NarUploadLog uploads;
  @Inject private CacheSettings settings;
  @Inject private NarInfoCache narInfos;
  @Inject private HttpAccess access;
  @Context private HttpServletRequest request;

  @PUT
  @Consumes(MediaType.WILDCARD)
  public Response put(
      @PathParam("hash") String hash,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long contentLength,
      InputStream body)
      throws IOException {
    access.require(request, Scope.WRITE);
    NarInfoText.digest(hash); // a malformed name is refused before the body is read
    String text = readLimited(body, contentLength, settings.maxNarInfoSize());
    new NarInfoUploader(uploads, index, paths).put(hash, text);
    narInfos.invalidate(hash); // signatures may have been merged in
    return Response.noContent().build();
  }

  /** Reads the body as UTF-8, refusing more than {@code limit} bytes (413). */
  static String readLimited(InputStream body, long declared, int limit) throws IOException {
    if (declared > limit) {
      throw new LimitExceededException(
          "the narinfo of " + declared + " bytes is larger than the limit of " + limit);
    }
    byte[] bytes = body.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new LimitExceededException(
          "the narinfo is larger than the limit of " + limit + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
