package dev.tvixstore.castore.blob;

import dev.tvixstore.castore.B3Digest;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Receives the content of a new blob. Bytes are hashed (and, for chunking backends, cut and stored)
 * as they pass; {@link #commit()} makes the blob visible and returns its digest. Closing a writer
 * that was not committed discards what was written. Not thread-safe: one writer, one producer.
 */
public abstract class BlobWriter extends OutputStream {

  /**
   * Finishes the blob: everything written is durable and visible when this returns.
   *
   * @return BLAKE3 of all bytes written
   * @throws IllegalStateException if already committed or closed
   */
  public abstract B3Digest commit() throws IOException;

  /** Number of bytes written so far. */
  public abstract long bytesWritten();

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }
}
