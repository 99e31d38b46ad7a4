package dev.tvixstore.grpc.testing;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.directory.BreadthFirst;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An in-memory directory service a test can watch and damage: directories can be hidden (as if lost
 * from disk), closures count what was pulled from them and report their closing, putters report
 * being closed without commit.
 */
public final class InstrumentedDirectoryService implements DirectoryService {

  private final InMemoryDirectoryService inner = new InMemoryDirectoryService();

  /** Digests that lookups no longer find, as if their data were lost. */
  public final Set<B3Digest> lost = ConcurrentHashMap.newKeySet();

  /** Directories pulled from closure streams so far. */
  public final AtomicInteger pulled = new AtomicInteger();

  /** Counted down when a closure stream is closed. */
  public final CountDownLatch closureClosed = new CountDownLatch(1);

  /** Counted down when a putter is closed without commit. */
  public final CountDownLatch putterDiscarded = new CountDownLatch(1);

  @Override
  public Optional<Directory> get(B3Digest digest) {
    return lost.contains(digest) ? Optional.empty() : inner.get(digest);
  }

  @Override
  public Stream<Directory> getRecursive(B3Digest root) {
    return BreadthFirst.stream(root, this::get)
        .peek(d -> pulled.incrementAndGet())
        .onClose(closureClosed::countDown);
  }

  @Override
  public DirectoryPutter openPut() {
    DirectoryPutter putter = inner.openPut();
    return new DirectoryPutter() {
      private boolean committed;

      @Override
      public void put(Directory directory) {
        putter.put(directory);
      }

      @Override
      public B3Digest commit() {
        B3Digest root = putter.commit();
        committed = true;
        return root;
      }

      @Override
      public void close() {
        putter.close();
        if (!committed) {
          putterDiscarded.countDown();
        }
      }
    };
  }
}
