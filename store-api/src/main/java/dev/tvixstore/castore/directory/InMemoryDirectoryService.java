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
    return new ValidatingPutter(
        this, closure -> closure.forEach(d -> directories.putIfAbsent(d.digest(), d)));
  }
}
