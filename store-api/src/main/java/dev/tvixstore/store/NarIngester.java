package dev.tvixstore.store;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.HashingInputStream;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.nix.NarHandler;
import dev.tvixstore.nix.NarReader;
import dev.tvixstore.nix.NixHash;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Ingests a NAR stream into castore: each file becomes a blob as it streams by, the directories are
 * put as one closure once the NAR has been read completely and found valid, and the NAR's size and
 * SHA-256 are computed on the way. Nothing is buffered beyond the blob writers' own bounds.
 *
 * <p>All or nothing for what is visible: a NAR that turns out invalid (or that the caller vetoes,
 * see {@link #ingest(InputStream, Consumer)}) commits no directory, so no tree of it can be
 * reached; blobs already written are unreferenced and left to garbage collection. The directories
 * are committed as one closure, so they appear together. Thread-safe: each call has its own
 * putter and writers.
 */
public final class NarIngester {
  private final BlobService blobs;
  private final DirectoryService directories;

  /** An ingester writing into these services. */
  public NarIngester(BlobService blobs, DirectoryService directories) {
    this.blobs = blobs;
    this.directories = directories;
  }

  /**
   * What an ingested NAR gave.
   *
   * @param root the unnamed root node of the tree
   * @param nar the NAR's size and SHA-256
   */
  public record Result(Node root, NarCalculation nar) {}

  /**
   * Reads the whole NAR from {@code in} (not closed) and stores its contents.
   *
   * @throws dev.tvixstore.nix.InvalidNarException if the NAR is malformed (nothing reachable
   *     stored)
   * @throws IOException if reading {@code in} fails
   */
  public Result ingest(InputStream in) throws IOException {
    return ingest(in, nar -> { });
  }

  /**
   * {@link #ingest(InputStream)}, letting the caller veto the result: {@code beforeCommit} gets
   * the NAR's size and SHA-256 once the last byte has been read and the NAR found valid, before any
   * directory is committed. If it throws, no directory becomes visible and the exception
   * propagates. The binary cache upload compares the hash and size the client announced here, and
   * checks the rest of its request body (DESIGN.md §5: nothing half-ingested becomes visible).
   *
   * @throws dev.tvixstore.nix.InvalidNarException if the NAR is malformed (nothing reachable
   *     stored)
   * @throws IOException if reading {@code in} fails
   */
  public Result ingest(InputStream in, Consumer<NarCalculation> beforeCommit) throws IOException {
    HashingInputStream hashing = HashingInputStream.sha256(in);
    try (DirectoryPutter putter = directories.openPut()) {
      Node root = NarReader.read(hashing, new Handler(putter));
      NixHash narSha256 = NixHash.sha256(hashing.sha256Digest());
      NarCalculation nar = new NarCalculation(hashing.byteCount(), narSha256);
      beforeCommit.accept(nar);
      if (root instanceof DirectoryNode dir) {
        B3Digest committed = putter.commit();
        if (!committed.equals(dir.digest())) {
          throw new IllegalStateException(
              "NAR reader's root " + root + " is not the last directory");
        }
      }
      return new Result(root, nar);
    }
  }

  private final class Handler implements NarHandler {
    private final DirectoryPutter putter;

    Handler(DirectoryPutter putter) {
      this.putter = putter;
    }

    @Override
    public B3Digest file(InputStream contents, long size, boolean executable) throws IOException {
      try (BlobWriter writer = blobs.openWrite()) {
        contents.transferTo(writer);
        return writer.commit();
      }
    }

    @Override
    public void directory(Directory directory) {
      putter.put(directory);
    }
  }
}
