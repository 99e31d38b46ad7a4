package dev.tvixstore.web.cache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as the client sends it. Marks its read failures as the connection's ({@link
 * BodyReadException}), so that a decompressor's failure, which is also an {@code IOException}, can
 * be told apart and answered as a bad upload (400).
 *
 * <p>Closing it leaves the request stream open: the container owns that stream and hands the object
 * that backs it to later requests, so a close that comes late (a finalizer, a stream closed after
 * the response went out) must never reach it.
 */
final class ClientBodyInputStream extends FilterInputStream {

  /** Reading the request body failed: the client went away or the connection broke. */
  static final class BodyReadException extends IOException {
    BodyReadException(IOException cause) {
      super("reading the request body failed: " + cause.getMessage(), cause);
    }
  }

  ClientBodyInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException e) {
      throw new BodyReadException(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      throw new BodyReadException(e);
    }
  }

  /** Leaves the request stream to the container (see the class comment). */
  @Override
  public void close() {
    // The container closes the request stream when the request ends.
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      throw new BodyReadException(e);
    }
  }
}
