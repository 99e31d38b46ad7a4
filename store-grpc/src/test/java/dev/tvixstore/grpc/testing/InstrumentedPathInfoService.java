package dev.tvixstore.grpc.testing;

import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.castore.SymlinkTarget;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.InMemoryPathInfoService;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoService;
import dev.tvixstore.store.StorePath;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An in-memory PathInfo service a test can watch and damage: listings count what was pulled from
 * them, report their closing, and can fail part-way as a broken disk would.
 */
public final class InstrumentedPathInfoService implements PathInfoService {

  /** The blobs the PathInfos are checked against and rendered from. */
  public final InMemoryBlobService blobs = new InMemoryBlobService();

  /** The directories the PathInfos are checked against and rendered from. */
  public final InMemoryDirectoryService directories = new InMemoryDirectoryService();

  private final PathInfoService inner = new InMemoryPathInfoService(blobs, directories);

  /** PathInfos pulled from listings so far. */
  public final AtomicInteger pulled = new AtomicInteger();

  /** Counted down when a listing is closed. */
  public final CountDownLatch listClosed = new CountDownLatch(1);

  /** When not negative, a listing fails with a storage error after this many PathInfos. */
  public volatile int failListAfter = -1;

  /**
   * A path that needs no content (a symlink root), distinct for each {@code i}, with a name of
   * {@code nameLength} characters.
   */
  public static PathInfo symlinkPath(int i, int nameLength) {
    byte[] digest = ByteBuffer.allocate(StorePath.DIGEST_LENGTH).putInt(i).array();
    String name = ("p" + i + "-" + "x".repeat(nameLength)).substring(0, nameLength);
    Node root = new SymlinkNode(PathComponent.EMPTY, SymlinkTarget.of("target"));
    return new PathInfo(
        StorePath.of(digest, name),
        root,
        List.of(),
        1,
        NixHash.sha256(new byte[32]),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  @Override
  public Optional<PathInfo> get(byte[] digest) {
    return inner.get(digest);
  }

  @Override
  public PathInfo put(PathInfo info) {
    return inner.put(info);
  }

  @Override
  public Stream<PathInfo> list() {
    return inner
        .list()
        .peek(
            info -> {
              if (failListAfter >= 0 && pulled.get() >= failListAfter) {
                throw new StorageException("listing broke after " + pulled.get() + " paths");
              }
              pulled.incrementAndGet();
            })
        .onClose(listClosed::countDown);
  }

  @Override
  public NarCalculation calculateNar(Node root) {
    return inner.calculateNar(root);
  }
}
