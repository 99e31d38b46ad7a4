package dev.tvixstore.store;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.nix.NarLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Renders the NAR of a castore root from the blob and directory services: the one renderer behind
 * {@code CalculateNAR} and the binary cache's NAR downloads, whole or as any byte range.
 *
 * <p>Rendering has two steps. {@link #prepare} reads the root's directory closure (one streamed
 * {@link DirectoryService#getRecursive}) and computes the NAR's size and where each file's bytes
 * lie in it ({@link NarLayout}); it reads no blob. Then {@link PreparedNar#writeRange} first
 * checks that every blob the range needs is complete ({@link BlobService#incomplete}: for the
 * chunk store, every chunk file exists), and only then writes; so missing data is reported before
 * the first byte (DESIGN.md §5: fail closed). A range is rendered without the bytes before it:
 * blobs wholly before it are not opened, and the one it starts in is opened at the right offset by
 * seeking its {@link dev.tvixstore.castore.blob.BlobReader}.
 *
 * <p>Memory: the closure's directories and one span per file, held by the {@link PreparedNar};
 * blob contents stream through a fixed buffer. Thread-safe; a {@link PreparedNar} may be written
 * any number of times, also concurrently.
 */
public final class NarRenderer {
  private final DirectoryService directories;
  private final BlobService blobs;

  /** A renderer reading from these services. */
  public NarRenderer(DirectoryService directories, BlobService blobs) {
    this.directories = Objects.requireNonNull(directories, "directories");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
  }

  /**
   * Loads what rendering {@code root} needs to know up front (its name is ignored).
   *
   * @throws dev.tvixstore.error.NotFoundException if the root directory is not stored
   * @throws dev.tvixstore.error.DataLossException if a directory of its closure is missing or
   *     does not match the node that refers to it
   * @throws dev.tvixstore.error.InvalidRequestException if the root's size does not match its
   *     directory, or the NAR would be longer than 2^63-1 bytes
   */
  public PreparedNar prepare(Node root) {
    Node unnamed = root.withName(PathComponent.EMPTY);
    Map<B3Digest, Directory> closure = new HashMap<>();
    if (unnamed instanceof DirectoryNode dir) {
      try (Stream<Directory> all = directories.getRecursive(dir.digest())) {
        all.forEach(d -> closure.put(d.digest(), d));
      }
    }
    // An absent root leaves the closure empty: the layout's walk then reports it not found.
    NarLayout layout = NarLayout.of(unnamed, d -> Optional.ofNullable(closure.get(d)));
    return new PreparedNar(unnamed, closure, layout, blobs);
  }
}
