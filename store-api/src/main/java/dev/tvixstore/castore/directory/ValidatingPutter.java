package dev.tvixstore.castore.directory;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryLookup;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link DirectoryPutter} every backend uses: each directory is checked by a {@link
 * ClosureValidator} as it arrives, and at commit the validated closure (leaves first) goes to the
 * backend's store step, all of it at once. Unusable after a commit, a close or a failed put. Not
 * thread-safe.
 */
public final class ValidatingPutter implements DirectoryPutter {
  private final ClosureValidator validator;
  private final Consumer<List<Directory>> store;
  private boolean finished;

  /**
   * A putter whose closures may name children already in {@code stored}, and whose commit hands
   * the validated closure to {@code store}.
   */
  public ValidatingPutter(DirectoryLookup stored, Consumer<List<Directory>> store) {
    this.validator = new ClosureValidator(Objects.requireNonNull(stored, "stored"));
    this.store = Objects.requireNonNull(store, "store");
  }

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
    store.accept(validator.directories());
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
