package dev.tvixstore.web.cache;

import dev.tvixstore.auth.Scope;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.ejb.blob.BlobBatch;
import dev.tvixstore.ejb.blob.BlobBatches;
import dev.tvixstore.ejb.upload.NarUploadLog;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.store.NarIngester;
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

/**
 * {@code PUT /nar/<filehash>.nar[.xz|.zst|.bz2]} (DESIGN §5): takes in an upload ({@link
 * NarUploader}). GET and HEAD are served by {@link CacheReadFilter}.
 */
@Path("nar/{file}")
@RequestScoped
public class NarResource {

  @Inject private NarUploadLog uploads;
  @Inject private BlobBatches blobs;
  @Inject private DirectoryService directories;
  @Inject private CacheSettings settings;
  @Inject private HttpAccess access;
  @Context private HttpServletRequest request;

  @PUT
  @Consumes(MediaType.WILDCARD)
  public Response put(
      @PathParam("file") String file,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long contentLength,
      InputStream body)
      throws IOException {
    access.require(request, Scope.WRITE);
    NarFileName name = NarFileName.parse(file);
    // One batch per NAR: its files synced together, its blob rows in few transactions.
    try (BlobBatch batch = blobs.openBatch()) {
      NarUploader uploader =
          new NarUploader(
              new NarIngester(batch, directories), uploads, settings.maxNarSize(), batch::commit);
      uploader.checkDeclaredLength(contentLength); // before a byte is read: 413, no 100 Continue
      uploader.upload(name, body, contentLength);
    } catch (ClientBodyInputStream.BodyReadException e) {
      // The client's connection broke, not its NAR: a 5xx, not a 400, and the error answer
      // closes the connection. (Nix 2.8 retries but cannot send the body again.)
      throw new StorageException("the upload broke off: " + e.getMessage(), e);
    }
    return Response.noContent().build();
  }
}
