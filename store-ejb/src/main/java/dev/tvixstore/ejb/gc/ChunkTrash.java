package dev.tvixstore.ejb.gc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.error.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Removes chunk files whose row is gone without losing one a writer re-used meanwhile (package
 * protocol): rename to trash, read the mtime again, restore a touched file, delete the rest.
 */
final class ChunkTrash {
  /** Appended to a chunk file's name while GC decides about it. */
  static final String SUFFIX = ".gc-trash";

  private final GcHooks hooks;

  ChunkTrash(GcHooks hooks) {
    this.hooks = hooks;
  }

  static Path trashOf(Path chunkFile) {
    return chunkFile.resolveSibling(chunkFile.getFileName() + SUFFIX);
  }

  /**
   * Deletes {@code file} unless it was touched at or after {@code cutoff}.
   *
   * @return the bytes freed, or empty if the file was absent or kept
   */
  OptionalLong remove(Path file, Instant cutoff) {
    Path trash = trashOf(file);
    try {
      try {
        Files.move(file, trash, StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        return OptionalLong.empty();
      }
      hooks.at(GcHooks.TRASHED);
      return settle(file, trash, cutoff);
    } catch (IOException e) {
      throw new StorageException("cannot remove chunk file " + file + ": " + e, e);
    }
  }

  /**
   * Decides about a trash file: a touched one goes back (a writer that touched it before the
   * rename may commit a row for it), unless a new file took its place; else it is deleted.
   */
  OptionalLong settle(Path file, Path trash, Instant cutoff) throws IOException {
    long size;
    Instant mtime;
    try {
      size = Files.size(trash);
      mtime = Files.getLastModifiedTime(trash).toInstant();
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
    if (!mtime.isBefore(cutoff)) {
      restore(file, trash);
      return OptionalLong.empty();
    }
    Files.deleteIfExists(trash);
    return OptionalLong.of(size);
  }

  /** Puts a trash file back under its chunk name, unless a file is there already. */
  static void restore(Path file, Path trash) throws IOException {
    try {
      // A hard link never replaces: a writer's new file under the name wins.
      Files.createLink(file, trash);
    } catch (FileAlreadyExistsException e) {
      // equal content (content-addressed), the trash copy is redundant
    }
    Files.deleteIfExists(trash);
  }

  /** The chunk a file name stands for: 64 hex digits, with or without the trash suffix. */
  static B3Digest digestOf(String name) {
    String hex = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    if (hex.length() != 64 || !hex.chars().allMatch(ChunkTrash::isLowerHex)) {
      return null;
    }
    return B3Digest.fromHex(hex);
  }

  private static boolean isLowerHex(int ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
  }
}
