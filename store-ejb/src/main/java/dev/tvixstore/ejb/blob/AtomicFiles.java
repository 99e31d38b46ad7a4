package dev.tvixstore.ejb.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Temp file, optional fsync, atomic rename: a file appears under its final name only complete
 * (DESIGN.md §6). Temp names start with {@link ChunkFileStore#TEMP_PREFIX}.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code bytes[0, length)} to a temp file beside {@code target} (creating the directory
   * if needed), optionally fsyncs it, and renames it to {@code target}. With fsync, the directory
   * is synced now, or added to {@code deferred} when that is not null.
   */
  static void write(
      Path target, byte[] bytes, int length, boolean fsync, DirectorySyncs deferred)
      throws IOException {
    Path dir = target.getParent();
    Path temp = writeTemp(target, bytes, length, fsync);
    try {
      // rename(2) replaces atomically: a concurrent writer of the same chunk renames an equal file.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    if (fsync) {
      // The rename itself must survive a crash before the metadata row says "stored".
      if (deferred != null) {
        deferred.add(dir);
      } else {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
          d.force(true);
        }
      }
    }
  }

  /**
   * Writes {@code bytes[0, length)} to a new temp file beside {@code target} (creating the
   * directory if needed), optionally fsynced, and returns its path; nothing is left on failure.
   */
  static Path writeTemp(Path target, byte[] bytes, int length, boolean fsync) throws IOException {
    Path dir = target.getParent();
    Path temp =
        dir.resolve(
            ChunkFileStore.TEMP_PREFIX + target.getFileName() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    FileChannel ch;
    try {
      ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      Files.createDirectories(dir);
      ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
    try (FileChannel out = ch) {
      ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length);
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      if (fsync) {
        out.force(true);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }
}
