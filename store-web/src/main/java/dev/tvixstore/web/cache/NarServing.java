package dev.tvixstore.web.cache;

import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PreparedNar;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * GET and HEAD of {@code /nar/<hash>.nar[…]} (DESIGN §5): the NAR rendered from castore straight
 * into the response, whole or one byte range, with {@code Content-Length} and immutable caching.
 * HEAD reads metadata only.
 *
 * <p>Fail closed: before the status line, every blob the response needs is checked complete (503
 * otherwise). If a chunk still turns out damaged while it is sent, the connection is terminated
 * ({@link ConnectionAbort}), so the client sees fewer bytes than promised and a broken transfer,
 * never a clean end.
 */
final class NarServing {
  static final String MEDIA_TYPE = "application/x-nix-nar";

  /** A NAR's name is its hash: its bytes never change. */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private static final Logger LOG = Logger.getLogger(NarServing.class.getName());

  private final NarDownloads downloads;
  private final NarRenderer renderer;

  NarServing(NarDownloads downloads, NarRenderer renderer) {
    this.downloads = downloads;
    this.renderer = renderer;
  }

  /**
   * Answers {@code request} for the file {@code file}.
   *
   * @param request the container's own request object (a filter first in the chain sees it), which
   *     aborting the connection needs
   * @throws StoreException before anything is sent: the caller answers it
   */
  void serve(HttpServletRequest request, HttpServletResponse response, String file)
      throws IOException {
    NarFileName name = NarFileName.parse(file);
    NarDownloads.Known known =
        downloads.find(name).orElseThrow(() -> new NotFoundException("no NAR file " + file));
    Compression compression = name.compression();
    OptionalLong fileLength = NarDownloads.fileLength(compression, known.narSize());
    boolean head = "HEAD".equals(request.getMethod());
    response.setContentType(MEDIA_TYPE);
    response.setHeader("Cache-Control", IMMUTABLE);
    // Ranges of the uncompressed NAR only: a re-encoded file is for Nix, which asks for none.
    response.setHeader("Accept-Ranges", compression == Compression.NONE ? "bytes" : "none");
    if (head) {
      fileLength.ifPresent(response::setContentLengthLong);
      return;
    }
    PreparedNar nar = renderer.prepare(known.root());
    Optional<ByteRange> wanted = Optional.empty();
    if (compression == Compression.NONE) {
      try {
        wanted = ByteRange.parse(request.getHeader("Range"), nar.size());
      } catch (ByteRange.NotSatisfiable e) {
        response.setStatus(416);
        response.setHeader("Content-Range", "bytes */" + e.size());
        response.setContentLength(0);
        return;
      }
    }
    ByteRange range = wanted.orElse(new ByteRange(0, nar.size()));
    try {
      nar.requireComplete(range.from(), range.to()); // DESIGN §5: before the status line
    } catch (NotFoundException e) {
      // A known NAR whose blob is gone is data loss, not an unknown NAR.
      throw new DataLossException(e.getMessage(), e);
    }
    if (wanted.isPresent()) {
      response.setStatus(206);
      response.setHeader("Content-Range", range.contentRange(nar.size()));
      response.setContentLengthLong(range.length());
    } else {
      response.setStatus(200);
      fileLength.ifPresent(response::setContentLengthLong);
    }
    write(request, response, nar, compression, range);
  }

  private static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      PreparedNar nar,
      Compression compression,
      ByteRange range)
      throws IOException {
    OutputStream out = response.getOutputStream();
    try {
      switch (compression) {
        case NONE -> nar.writeRange(out, range.from(), range.to());
        case XZ -> encode(nar, new StoredXzOutputStream(out));
        case ZSTD -> encode(nar, new RawZstdOutputStream(out, nar.size()));
        case BZIP2 -> {
          BZip2CompressorOutputStream bzip2 = new BZip2CompressorOutputStream(out);
          nar.writeTo(bzip2);
          bzip2.finish(); // close() would close the response stream too
        }
      }
    } catch (StoreException e) {
      // The status line is out: no error response is possible, and the failure is logged here.
      LOG.log(
          Level.WARNING,
          "tvix-store: aborted sending " + request.getRequestURI() + ": " + e.getMessage(),
          e);
      if (!ConnectionAbort.abort(request)) {
        throw new IOException("aborted sending " + request.getRequestURI(), e);
      }
    }
  }

  /** Writes the whole NAR through {@code encoder} and finishes it, only if every byte went. */
  private static void encode(PreparedNar nar, OutputStream encoder) throws IOException {
    nar.writeTo(encoder);
    encoder.close(); // the encoders finish their format here; the response stays open
  }
}
