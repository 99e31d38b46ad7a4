package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.InvalidDirectoryException;
import dev.tvixstore.ejb.persistence.Transactions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Phase 3: every row of {@code directory}, in key order: its encoding hashes to its key, is the
 * canonical encoding of a valid Directory (store-api's castore validation) and matches its size
 * column. On the same pass, when damage was found before, it notes each directory holding a file
 * whose blob is damaged: no index maps a blob to the directories naming it.
 */
final class DirectoryScrub {
  static final int BATCH = 128;

  private record Row(B3Digest digest, byte[] encoded, long size) {}

  private final Transactions transactions;

  DirectoryScrub(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * @param blobCauses the damaged blobs, each with the damage that makes it so
   * @param dirCauses filled with each damaged directory and each directory holding a damaged
   *     blob, with the damage behind it
   */
  void run(
      ScrubProgress progress,
      ScrubListener listener,
      Map<B3Digest, Set<Damage.Key>> blobCauses,
      Map<B3Digest, Set<Damage.Key>> dirCauses) {
    progress.phase = ScrubProgress.Phase.DIRECTORIES;
    progress.directoriesTotal = Keyset.count(transactions, "directory");
    byte[] after = new byte[0];
    while (true) {
      List<Row> page =
          Keyset.page(transactions, "digest, encoded, size", "directory", "digest", after, BATCH,
              rs -> new Row(B3Digest.of(rs.getBytes(1)), rs.getBytes(2), rs.getLong(3)));
      if (page.isEmpty()) {
        return;
      }
      List<Damage> found = new ArrayList<>();
      for (Row row : page) {
        String problem = check(row, blobCauses, dirCauses);
        if (problem != null) {
          Damage d = new Damage(DamageKind.DIRECTORY, row.digest(), Damage.CORRUPT, problem);
          found.add(d);
          dirCauses.computeIfAbsent(row.digest(), k -> new HashSet<>()).add(d.key());
        }
        progress.directoriesDone++;
      }
      if (!found.isEmpty()) {
        listener.found(found);
      }
      after = page.getLast().digest().toBytes();
      listener.batchDone();
    }
  }

  /** What is wrong with the row, or null; notes its damaged files in {@code dirCauses}. */
  private static String check(
      Row row, Map<B3Digest, Set<Damage.Key>> blobCauses, Map<B3Digest, Set<Damage.Key>> dirCauses) {
    B3Digest actual = B3Digest.hash(row.encoded());
    if (!actual.equals(row.digest())) {
      return "its encoding hashes to " + actual.toHex();
    }
    Directory directory;
    try {
      directory = Directory.parse(row.encoded());
    } catch (InvalidDirectoryException e) {
      return "its encoding is not a valid Directory: " + e.getMessage();
    }
    if (directory.size() != row.size()) {
      return "its size column says " + Long.toUnsignedString(row.size()) + ", it has size "
          + Long.toUnsignedString(directory.size());
    }
    if (!blobCauses.isEmpty()) {
      for (FileNode f : directory.files()) {
        Set<Damage.Key> causes = blobCauses.get(f.digest());
        if (causes != null) {
          dirCauses.computeIfAbsent(row.digest(), k -> new HashSet<>()).addAll(causes);
        }
      }
    }
    return null;
  }
}
