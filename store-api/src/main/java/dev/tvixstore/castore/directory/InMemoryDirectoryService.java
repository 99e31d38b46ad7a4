package dev.tvixstore.castore.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/** The reference {@link DirectoryService}: directories in a concurrent map. */
public final class InMemoryDirectoryService implements DirectoryService {
  private final ConcurrentMap<B3Digest, Directory> directories = new ConcurrentHashMap<>();

  @Override
  public Optional<Directory> get(B3Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return Optional.ofNullable(directories.get(digest));
  }

  @Override
  public Stream<Directory> getRecursive(B3Digest root) {
    return BreadthFirst.stream(root, this);
  }

  @Override
  public DirectoryPutter openPut() {
    return new Putter();
  }

  private final class Putter implements DirectoryPutter {
    private final ClosureValidator validator = new ClosureValidator(InMemoryDirectoryService.this);
    private boolean finished;

    @Override
    public void put(Directory directory) {
      checkOpen();
      try {
        validator.accept(directory);
      } catch (RuntimeException e) {
        finished = true;
        throw e;
      }
    }

    @Override
    public B3Digest commit() {
      checkOpen();
      finished = true;
      B3Digest root = validator.finish();
      for (Directory d : validator.directories()) {
        directories.putIfAbsent(d.digest(), d);
      }
      return root;
    }

    @Override
    public void close() {
      finished = true;
    }

    private void checkOpen() {
      if (finished) {
        throw new IllegalStateException("directory putter already committed, closed or failed");
      }
    }
  }
}
