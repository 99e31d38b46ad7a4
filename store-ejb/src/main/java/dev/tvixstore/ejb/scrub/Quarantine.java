package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.error.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Where corrupt chunk files go: {@code <data-dir>/quarantine/<hex>}. Moving a corrupt file out of
 * {@code chunks/} is how a scrub tells the read path, without a table it would have to consult:
 * the chunk is then missing, which the NAR renderer's check before the first byte reports as data
 * loss (DESIGN §5: 503), and which {@code ChunkFileStore.put} answers by writing the chunk afresh,
 * so uploading the same content again heals it instead of deduplicating against a bad file. The
 * file is kept, not deleted, for whoever investigates, until a scrub finds the chunk healed.
 */
public final class Quarantine {
  private final Path dir;
  private final ChunkFileStore chunks;

  /** The quarantine of the store whose data directory is {@code dataDir}. */
  public Quarantine(Path dataDir, ChunkFileStore chunks) {
    this.dir = dataDir.resolve("quarantine");
    this.chunks = Objects.requireNonNull(chunks, "chunks");
  }

  /** Where a quarantined chunk file lies. */
  public Path pathOf(B3Digest digest) {
    return dir.resolve(digest.toHex());
  }

  /** Whether a file of this chunk was quarantined. */
  public boolean holds(B3Digest digest) {
    return Files.exists(pathOf(digest));
  }

  /**
   * Moves the chunk's file into quarantine, in one atomic rename (same file system), replacing an
   * earlier quarantined copy.
   *
   * @return false if there was no file to move
   */
  public boolean isolate(B3Digest digest) {
    try {
      Files.createDirectories(dir);
      Files.move(chunks.pathOf(digest), pathOf(digest), StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new StorageException("cannot quarantine chunk " + digest.toHex() + ": " + e, e);
    }
  }

  /** Deletes the quarantined copy of a chunk that is sound again; false if there was none. */
  public boolean release(B3Digest digest) {
    try {
      return Files.deleteIfExists(pathOf(digest));
    } catch (IOException e) {
      throw new StorageException("cannot delete quarantined chunk " + digest.toHex() + ": " + e, e);
    }
  }
}
