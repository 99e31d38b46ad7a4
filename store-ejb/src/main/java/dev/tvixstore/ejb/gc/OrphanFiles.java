package dev.tvixstore.ejb.gc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.error.StorageException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Chunk files without a row: a crashed writer's (its row never came) or a crashed GC's (row gone,
 * file not yet). Also the trash a crashed GC left. Scans one two-hex directory at a time and asks
 * the database about its files in pages.
 */
final class OrphanFiles {
  private final Sql sql;
  private final ChunkTrash trash;
  private final Marker.Progress progress;

  OrphanFiles(Sql sql, ChunkTrash trash, Marker.Progress progress) {
    this.sql = sql;
    this.trash = trash;
    this.progress = progress;
  }

  /**
   * Removes (or with {@code dryRun} only counts) rowless chunk files untouched since {@code
   * cutoff}; settles trash files.
   *
   * @return count and bytes, as a {@link GcFreed} with only the orphan fields set
   */
  GcFreed sweep(Path chunksDir, Instant cutoff, boolean dryRun) {
    if (!Files.isDirectory(chunksDir)) {
      return GcFreed.NONE;
    }
    long files = 0;
    long bytes = 0;
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(chunksDir, Files::isDirectory)) {
      ds.forEach(dirs::add);
      dirs.sort(null);
      int doneDirs = 0;
      for (Path dir : dirs) {
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
          entries.forEach(names::add);
        }
        for (int i = 0; i < names.size(); i += Sweeper.PAGE) {
          List<Path> page = names.subList(i, Math.min(names.size(), i + Sweeper.PAGE));
          Set<B3Digest> withRow = withRows(page);
          for (Path p : page) {
            String name = p.getFileName().toString();
            B3Digest d = ChunkTrash.digestOf(name);
            if (d == null) {
              continue; // temp files: ChunkFileStore.sweepTempFiles
            }
            OptionalLong freed = handle(p, name, d, withRow.contains(d), cutoff, dryRun);
            if (freed.isPresent()) {
              files++;
              bytes += freed.getAsLong();
            }
          }
        }
        progress.report(GcPhase.SWEEP_FILES, ++doneDirs, dirs.size());
      }
    } catch (IOException e) {
      throw new StorageException("cannot scan chunk files under " + chunksDir + ": " + e, e);
    }
    return GcFreed.NONE.withOrphans(files, bytes);
  }

  private OptionalLong handle(
      Path p, String name, B3Digest d, boolean hasRow, Instant cutoff, boolean dryRun)
      throws IOException {
    boolean isTrash = name.endsWith(ChunkTrash.SUFFIX);
    Path file = isTrash ? p.resolveSibling(name.substring(0, 64)) : p;
    if (dryRun) {
      if (hasRow || isTrash) {
        return OptionalLong.empty();
      }
      try {
        return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)
            ? OptionalLong.of(Files.size(p))
            : OptionalLong.empty();
      } catch (NoSuchFileException e) {
        return OptionalLong.empty();
      }
    }
    if (isTrash) {
      // A GC died between rename and decision. A row means a writer re-used the chunk: put it
      // back (unless its file exists again); else decide by mtime as the dead run would have.
      if (hasRow) {
        ChunkTrash.restore(file, p);
        return OptionalLong.empty();
      }
      return trash.settle(file, p, cutoff);
    }
    if (hasRow) {
      return OptionalLong.empty();
    }
    try {
      if (!Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
        return OptionalLong.empty();
      }
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
    return trash.remove(file, cutoff);
  }

  private Set<B3Digest> withRows(List<Path> page) {
    List<byte[]> keys = new ArrayList<>();
    for (Path p : page) {
      B3Digest d = ChunkTrash.digestOf(p.getFileName().toString());
      if (d != null) {
        keys.add(d.toBytes());
      }
    }
    Set<B3Digest> found = new HashSet<>();
    for (int i = 0; i < keys.size(); i += 100) {
      List<byte[]> part = keys.subList(i, Math.min(keys.size(), i + 100));
      String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
      List<Object[]> rows =
          sql.tx(c -> Marker.rows(c, "SELECT digest FROM chunk WHERE digest IN (" + marks + ")",
              part.toArray()));
      rows.forEach(r -> found.add(B3Digest.of((byte[]) r[0])));
    }
    return found;
  }
}
