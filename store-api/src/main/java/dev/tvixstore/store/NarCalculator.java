package dev.tvixstore.store;

import dev.tvixstore.castore.BlobOpener;
import dev.tvixstore.castore.DirectoryLookup;
import dev.tvixstore.castore.HashingOutputStream;
import dev.tvixstore.castore.Node;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.nix.NarWriter;
import dev.tvixstore.nix.NixHash;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Computes {@link NarCalculation}s by rendering the NAR and hashing it as it streams by; nothing is
 * kept. Backends cache the result per root node.
 */
public final class NarCalculator {
  /** Writes the whole NAR of a root. */
  @FunctionalInterface
  private interface Render {
    void write(Node root, OutputStream out) throws IOException;
  }

  private final Render render;

  /** A calculator reading the tree through these lookups, a directory at a time. */
  public NarCalculator(DirectoryLookup directories, BlobOpener blobs) {
    this.render = new NarWriter(directories, blobs)::write;
  }

  /**
   * A calculator rendering through {@code renderer}: the closure is loaded in one go and every
   * blob is checked complete before the first byte is hashed.
   */
  public NarCalculator(NarRenderer renderer) {
    this.render = (root, out) -> renderer.prepare(root).writeTo(out);
  }

  /**
   * Renders and hashes the NAR of {@code root} (its name is ignored).
   *
   * @throws dev.tvixstore.error.NotFoundException if a directory or blob of the tree is not stored
   * @throws dev.tvixstore.error.DataLossException if stored data is damaged or missing
   */
  public NarCalculation calculate(Node root) {
    try (HashingOutputStream hashing =
        HashingOutputStream.sha256(OutputStream.nullOutputStream())) {
      render.write(root, hashing);
      return new NarCalculation(hashing.byteCount(), NixHash.sha256(hashing.sha256Digest()));
    } catch (IOException e) {
      throw new StorageException("reading the tree of " + root.name() + " failed", e);
    }
  }
}
