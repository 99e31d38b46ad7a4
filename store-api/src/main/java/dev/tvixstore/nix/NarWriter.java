package dev.tvixstore.nix;

import dev.tvixstore.castore.BlobOpener;
import dev.tvixstore.castore.DirectoryLookup;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Renders a castore tree as a NAR, byte-identical to {@code nix-store --dump} of the same tree
 * (DESIGN.md §3): entries of each directory in one list by unsigned name order, executables
 * marked, file contents copied from the blobs as they stream. Memory use is one fixed buffer,
 * whatever the size of the files. Thread-safe: each call uses its own buffer.
 */
public final class NarWriter {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final DirectoryLookup directories;
  private final BlobOpener blobs;

  /** A writer that finds directories and blob contents through these two lookups. */
  public NarWriter(DirectoryLookup directories, BlobOpener blobs) {
    this.directories = Objects.requireNonNull(directories, "directories");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
  }

  /**
   * Writes the NAR of {@code root} to {@code out}; the root's name is ignored. Does not flush or
   * close {@code out} beyond writing all bytes to it. On failure part of the NAR may already have
   * been written: a caller serving it must abort, not end, the transfer.
   *
   * @throws NotFoundException if a directory or blob of the tree is not stored
   * @throws DataLossException if a blob yields more or fewer bytes than its node's size, or a
   *     stored directory does not match its node
   * @throws InvalidRequestException if the root's size does not match its directory
   * @throws IOException if {@code out} or a blob stream fails
   */
  public void write(Node root, OutputStream out) throws IOException {
    writeRange(root, out, 0, Long.MAX_VALUE);
  }

  /**
   * Writes bytes {@code [offset, offset + length)} of the NAR of {@code root}, fewer if the NAR
   * ends first: what an HTTP Range request asks for. Blobs wholly outside the range are not
   * opened; a blob partly inside is skipped to the first byte needed. The walk stops once the
   * range is complete. Errors as {@link #write}, except that a blob longer than its node is only
   * noticed when the range covers all of it.
   *
   * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
   */
  public void writeRange(Node root, OutputStream out, long offset, long length)
      throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
    }
    long end = offset + length < 0 ? Long.MAX_VALUE : offset + length;
    Sink sink = new Sink(out, offset, end);
    if (length > 0) {
      NarWalker.walk(root, directories, sink);
    }
    sink.flush();
  }

  /**
   * Batches framing and file bytes into one buffer, so small files cost no extra writes; passes
   * on only the bytes inside the window {@code [from, to)}.
   */
  private final class Sink implements NarSink {
    private final OutputStream out;
    private final long from;
    private final long to;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    /** NAR offset of the next byte the walker hands over. */
    private long position;

    Sink(OutputStream out, long from, long to) {
      this.out = out;
      this.from = from;
      this.to = to;
    }

    @Override
    public boolean done() {
      return position >= to;
    }

    @Override
    public void raw(byte[] b, int off, int len) throws IOException {
      long start = position;
      position += len;
      if (position <= from || start >= to) {
        return;
      }
      int skip = (int) Math.max(0, from - start);
      int stop = (int) Math.min(len, to - start);
      emit(b, off + skip, stop - skip);
    }

    private void emit(byte[] b, int off, int len) throws IOException {
      if (len > buf.length - pos) {
        flush();
        if (len > buf.length) {
          out.write(b, off, len);
          return;
        }
      }
      System.arraycopy(b, off, buf, pos, len);
      pos += len;
    }

    @Override
    public void contents(FileNode file) throws IOException {
      long size = file.size();
      long start = position;
      position += size;
      if (size == 0 || position <= from || start >= to) {
        return; // nothing of this file is wanted, so its blob is not even opened
      }
      long skip = Math.max(0, from - start);
      long wanted = Math.min(position, to) - start - skip;
      try (InputStream in = blobs.open(file.digest()).orElseThrow(() -> new NotFoundException(
          "blob " + file.digest() + " (file " + file.name() + ") is not stored"))) {
        skipFully(in, skip, file);
        copy(in, wanted, skip, file);
        if (skip + wanted == size && in.read() >= 0) {
          throw new DataLossException(
              "blob " + file.digest() + " is longer than the " + size + " bytes its node says");
        }
      }
    }

    private void copy(InputStream in, long wanted, long already, FileNode file)
        throws IOException {
      long remaining = wanted;
      while (remaining > 0) {
        if (pos == buf.length) {
          flush();
        }
        int n = in.read(buf, pos, (int) Math.min(buf.length - pos, remaining));
        if (n < 0) {
          throw shortBlob(file, already + wanted - remaining);
        }
        pos += n;
        remaining -= n;
      }
    }

    private void skipFully(InputStream in, long n, FileNode file) throws IOException {
      long left = n;
      while (left > 0) {
        long k = in.skip(left);
        if (k <= 0) {
          // skip may return 0 before the end; a read tells end of stream from a pause.
          if (in.read() < 0) {
            throw shortBlob(file, n - left);
          }
          k = 1;
        }
        left -= k;
      }
    }

    private DataLossException shortBlob(FileNode file, long got) {
      return new DataLossException("blob " + file.digest() + " ended after " + got + " of "
          + file.size() + " bytes");
    }

    void flush() throws IOException {
      if (pos > 0) {
        out.write(buf, 0, pos);
        pos = 0;
      }
    }
  }
}
