package dev.tvixstore.nix;

import dev.tvixstore.castore.DirectoryLookup;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a tree's NAR without reading any blob: its total size and where each file's
 * contents lie, in NAR order. Computed from node sizes and stored directories only, by the same
 * traversal as {@link NarWriter}, so it describes exactly the bytes the writer produces.
 *
 * @param narSize the NAR's length in bytes
 * @param files every regular file with non-empty contents, ascending by offset
 */
public record NarLayout(long narSize, List<NarFileSpan> files) {
  /** Copies the list. */
  public NarLayout {
    files = List.copyOf(files);
  }

  /**
   * The layout of the NAR of {@code root} (its name ignored).
   *
   * @throws NotFoundException if a directory of the tree is not stored
   * @throws DataLossException if a stored directory does not match its node
   * @throws InvalidRequestException if the root's size does not match its directory, or the NAR
   *     would be longer than 2^63-1 bytes
   */
  public static NarLayout of(Node root, DirectoryLookup directories) {
    Counter counter = new Counter(true);
    walk(root, directories, counter);
    return new NarLayout(counter.position, counter.spans);
  }

  /** Only the size of the NAR of {@code root}, keeping no spans; errors as {@link #of}. */
  public static long narSize(Node root, DirectoryLookup directories) {
    Counter counter = new Counter(false);
    walk(root, directories, counter);
    return counter.position;
  }

  private static void walk(Node root, DirectoryLookup directories, Counter counter) {
    try {
      NarWalker.walk(root, directories, counter);
    } catch (IOException e) {
      throw new UncheckedIOException("counting performs no I/O", e);
    }
  }

  private static final class Counter implements NarSink {
    private final boolean keepSpans;
    private final List<NarFileSpan> spans = new ArrayList<>();
    private long position;

    Counter(boolean keepSpans) {
      this.keepSpans = keepSpans;
    }

    @Override
    public void raw(byte[] b, int off, int len) {
      position = add(position, len);
    }

    @Override
    public void contents(FileNode file) {
      // A size of 2^63 or more is negative here and can never be part of a NAR.
      if (file.size() < 0) {
        throw new InvalidRequestException(
            "file " + file.name() + " is " + Long.toUnsignedString(file.size()) + " bytes");
      }
      if (keepSpans && file.size() > 0) {
        spans.add(new NarFileSpan(position, file.size(), file.digest()));
      }
      position = add(position, file.size());
    }

    private static long add(long a, long b) {
      try {
        return Math.addExact(a, b);
      } catch (ArithmeticException e) {
        throw new InvalidRequestException("NAR would be longer than 2^63-1 bytes");
      }
    }
  }
}
