package dev.tvixstore.store;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.nix.NarFileSpan;
import dev.tvixstore.nix.NarLayout;
import dev.tvixstore.nix.NarWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The NAR of one root, ready to be written by {@link NarRenderer}: its directories are loaded and
 * its size and file positions known. Each write checks the blobs it needs before its first byte.
 */
public final class PreparedNar {
  private static final int MAX_REPORTED = 5;

  private final Node root;
  private final NarLayout layout;
  private final BlobService blobs;
  private final NarWriter writer;

  PreparedNar(Node root, Map<B3Digest, Directory> closure, NarLayout layout, BlobService blobs) {
    this.root = root;
    this.layout = layout;
    this.blobs = blobs;
    this.writer = new NarWriter(d -> Optional.ofNullable(closure.get(d)), blobs);
  }

  /** The unnamed root node. */
  public Node root() {
    return root;
  }

  /** The NAR's length in bytes. */
  public long size() {
    return layout.narSize();
  }

  /** Writes the whole NAR; see {@link #writeRange}. */
  public void writeTo(OutputStream out) throws IOException {
    writeRange(out, 0, size());
  }

  /**
   * Writes bytes {@code [from, to)} of the NAR to {@code out}, after {@link #requireComplete}
   * for the same range has passed. Does not flush or close {@code out}. A failure after the first
   * byte (a chunk found corrupt while read) leaves a partial NAR in {@code out}: a caller serving
   * it must abort the transfer, never end it cleanly.
   *
   * @throws IllegalArgumentException unless {@code 0 <= from <= to <= size()}
   * @throws NotFoundException if a blob of the range is not stored (before any byte is written)
   * @throws DataLossException if a blob's content is missing (before any byte is written), or
   *     turns out damaged while it is read
   * @throws IOException if {@code out} fails
   */
  public void writeRange(OutputStream out, long from, long to) throws IOException {
    if (from < 0 || from > to || to > size()) {
      throw new IllegalArgumentException(
          "range [" + from + ", " + to + ") is not within a NAR of " + size() + " bytes");
    }
    requireComplete(from, to);
    writer.writeRange(root, out, from, to - from);
  }

  /**
   * Passes when every blob holding bytes of {@code [from, to)} is complete ({@link
   * BlobService#incomplete}, all of them in one call); reads no content.
   *
   * @throws DataLossException if a blob is stored but some of its content is missing, naming up
   *     to five such blobs
   * @throws NotFoundException if a blob is not stored at all (and none is damaged), naming up to
   *     five
   */
  public void requireComplete(long from, long to) {
    Set<B3Digest> needed = new LinkedHashSet<>();
    List<NarFileSpan> files = layout.files();
    for (int i = firstEndingAfter(files, from); i < files.size(); i++) {
      NarFileSpan span = files.get(i);
      if (span.offset() >= to) {
        break;
      }
      needed.add(span.digest());
    }
    Set<B3Digest> incomplete = blobs.incomplete(needed);
    if (incomplete.isEmpty()) {
      return;
    }
    List<String> notStored = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    for (B3Digest digest : needed) { // in NAR order, for a stable message
      if (incomplete.contains(digest) && damaged.size() < MAX_REPORTED) {
        if (blobs.has(digest)) {
          damaged.add("blob " + digest + " has content missing");
        } else if (notStored.size() < MAX_REPORTED) {
          notStored.add("blob " + digest + " is not stored");
        }
      }
    }
    if (!damaged.isEmpty()) {
      throw new DataLossException("cannot render the NAR: " + String.join("; ", damaged));
    }
    throw new NotFoundException("cannot render the NAR: " + String.join("; ", notStored));
  }

  /** Index of the first span whose bytes end after {@code offset} (spans ascend by offset). */
  private static int firstEndingAfter(List<NarFileSpan> files, long offset) {
    int lo = 0;
    int hi = files.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      NarFileSpan s = files.get(mid);
      if (s.offset() + s.length() <= offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
