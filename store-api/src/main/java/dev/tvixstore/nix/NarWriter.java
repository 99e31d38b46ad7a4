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
 * whatever the size of the files. Thread-safe: each {@link #write} call uses its own buffer.
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
    Sink sink = new Sink(out);
    NarWalker.walk(root, directories, sink);
    sink.flush();
  }

  /** Batches framing and file bytes into one buffer, so small files cost no extra writes. */
  private final class Sink implements NarSink {
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;

    Sink(OutputStream out) {
      this.out = out;
    }

    @Override
    public void raw(byte[] b, int off, int len) throws IOException {
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
      if (size == 0) {
        return; // the empty blob always exists; nothing to read
      }
      try (InputStream in = blobs.open(file.digest()).orElseThrow(() -> new NotFoundException(
          "blob " + file.digest() + " (file " + file.name() + ") is not stored"))) {
        long remaining = size;
        while (remaining > 0) {
          if (pos == buf.length) {
            flush();
          }
          int n = in.read(buf, pos, (int) Math.min(buf.length - pos, remaining));
          if (n < 0) {
            throw new DataLossException("blob " + file.digest() + " ended after "
                + (size - remaining) + " of " + size + " bytes");
          }
          pos += n;
          remaining -= n;
        }
        if (in.read() >= 0) {
          throw new DataLossException(
              "blob " + file.digest() + " is longer than the " + size + " bytes its node says");
        }
      }
    }

    void flush() throws IOException {
      if (pos > 0) {
        out.write(buf, 0, pos);
        pos = 0;
      }
    }
  }
}
