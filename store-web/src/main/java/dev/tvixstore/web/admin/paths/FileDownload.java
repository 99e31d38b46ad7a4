package dev.tvixstore.web.admin.paths;

import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Streams one file of a store path from castore to the browser, a buffer at a time (never the
 * whole blob in memory). A download is a console request like any other, so the admin servlet has
 * checked the session's token before this runs: after a revocation the session is gone and the
 * link answers 404.
 */
final class FileDownload implements DownloadHandler {
  private final transient PathDetailPresenter presenter;
  private final B3Digest blob;
  private final long size;
  private final String fileName;

  FileDownload(PathDetailPresenter presenter, B3Digest blob, long size, String fileName) {
    this.presenter = presenter;
    this.blob = blob;
    this.size = size;
    this.fileName = fileName;
  }

  @Override
  public void handleDownloadRequest(DownloadEvent event) throws IOException {
    Optional<BlobReader> reader = presenter.open(blob);
    if (reader.isEmpty()) {
      event.getResponse().sendError(404, "blob " + blob.toHex() + " is not stored");
      return;
    }
    event.setFileName(fileName);
    event.setContentType("application/octet-stream");
    event.setContentLength(size);
    try (InputStream in = reader.get();
        OutputStream out = event.getOutputStream()) {
      in.transferTo(out);
    }
  }
}
