package dev.tvixstore.ejb.upload;

import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import java.util.Objects;

/**
 * One NAR file a client uploaded, and what ingesting it gave.
 *
 * @param fileSha256 SHA-256 of the file as sent (the name Nix gives it in {@code nar/<hash>.nar*})
 * @param compression Nix's name of the file's compression: {@code none}, {@code xz}, {@code zstd}
 *     or {@code bzip2}
 * @param fileSize length of the file as sent
 * @param narSha256 SHA-256 of the NAR inside
 * @param narSize length of the NAR inside
 * @param root the castore root the NAR was ingested as, unnamed
 */
public record NarUpload(
    NixHash fileSha256,
    String compression,
    long fileSize,
    NixHash narSha256,
    long narSize,
    Node root) {

  /** Longest compression name the table holds. */
  public static final int MAX_COMPRESSION_LENGTH = 16;

  /**
   * Validates; a named root is stored unnamed (the name belongs to the store path, which the
   * narinfo brings later).
   *
   * @throws IllegalArgumentException if a hash is not SHA-256, a size is not positive, or the
   *     compression name is empty or too long
   */
  public NarUpload {
    Objects.requireNonNull(fileSha256, "fileSha256");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(narSha256, "narSha256");
    Objects.requireNonNull(root, "root");
    if (fileSha256.algorithm() != HashAlgorithm.SHA256
        || narSha256.algorithm() != HashAlgorithm.SHA256) {
      throw new IllegalArgumentException("upload hashes must be SHA-256");
    }
    if (compression.isEmpty() || compression.length() > MAX_COMPRESSION_LENGTH) {
      throw new IllegalArgumentException("compression name '" + compression + "' is invalid");
    }
    if (fileSize <= 0 || narSize <= 0) {
      throw new IllegalArgumentException(
          "upload sizes must be positive: file " + fileSize + ", NAR " + narSize);
    }
    root = root.withName(PathComponent.EMPTY);
  }
}
