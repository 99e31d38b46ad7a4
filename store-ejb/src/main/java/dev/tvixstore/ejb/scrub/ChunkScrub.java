package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.StorageException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Phase 1: every row of {@code chunk}, in key order, has a file that decodes and hashes to its
 * name ({@link ChunkFileStore#read}, the read path's own check) and holds as many bytes as the row
 * says. A corrupt file is moved to the {@link Quarantine} at once, so that from then on the read
 * path reports it missing before the first byte instead of finding it mid-stream.
 */
final class ChunkScrub {
  static final int BATCH = 256;

  /** FastCDC's largest maximum chunk: what ChunkFileStore decodes at most. */
  static final int MAX_CHUNK = 16 << 20;

  private record Row(B3Digest digest, long size) {}

  private final Transactions transactions;
  private final ChunkFileStore chunks;
  private final Quarantine quarantine;
  private final RateLimiter rate;
  private byte[] buffer;

  ChunkScrub(
      Transactions transactions, ChunkFileStore chunks, Quarantine quarantine, RateLimiter rate) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.chunks = Objects.requireNonNull(chunks, "chunks");
    this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
    this.rate = Objects.requireNonNull(rate, "rate");
  }

  void run(ScrubProgress progress, ScrubListener listener) throws InterruptedException {
    progress.phase = ScrubProgress.Phase.CHUNKS;
    progress.chunksTotal = Keyset.count(transactions, "chunk");
    byte[] after = new byte[0];
    while (true) {
      List<Row> page =
          Keyset.page(transactions, "digest, size", "chunk", "digest", after, BATCH,
              rs -> new Row(B3Digest.of(rs.getBytes(1)), rs.getLong(2)));
      if (page.isEmpty()) {
        return;
      }
      List<Damage> found = new ArrayList<>();
      for (Row row : page) {
        check(row, progress).ifPresent(found::add);
      }
      if (!found.isEmpty()) {
        listener.found(found);
      }
      after = page.getLast().digest().toBytes();
      listener.batchDone();
    }
  }

  private Optional<Damage> check(Row row, ScrubProgress progress) throws InterruptedException {
    B3Digest digest = row.digest();
    rate.acquire(Math.max(0, row.size()));
    try {
      int length = chunks.read(digest, buffer());
      progress.chunksDone++;
      progress.chunkBytes += length;
      if (length != row.size()) {
        // The file is sound; the row is not, and blob offsets are computed from it.
        return Optional.of(damage(digest, Damage.WRONG_SIZE,
            "the chunk holds " + length + " bytes, its row says " + row.size()));
      }
      return Optional.empty();
    } catch (DataLossException e) {
      progress.chunksDone++;
      return damaged(digest, e);
    } catch (StorageException e) {
      progress.chunksDone++;
      progress.error("chunk " + digest.toHex() + " could not be checked: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<Damage> damaged(B3Digest digest, DataLossException e) {
    if (Files.exists(chunks.pathOf(digest))) {
      boolean moved = quarantine.isolate(digest);
      return Optional.of(damage(digest, Damage.CORRUPT,
          e.getMessage() + (moved ? "; moved to " + quarantine.pathOf(digest) : "")));
    }
    if (!rowExists(digest)) {
      return Optional.empty(); // garbage collected while we looked: not damage
    }
    if (quarantine.holds(digest)) {
      return Optional.of(damage(digest, Damage.CORRUPT,
          "quarantined as corrupt by an earlier scrub (" + quarantine.pathOf(digest)
              + "); uploading the same content again heals it"));
    }
    return Optional.of(damage(digest, Damage.MISSING, "no file at " + chunks.pathOf(digest)));
  }

  private boolean rowExists(B3Digest digest) {
    byte[] key = digest.toBytes();
    return transactions.inTransaction(
        em -> !em.createNativeQuery("SELECT 1 FROM chunk WHERE digest = ?1")
            .setParameter(1, key)
            .getResultList()
            .isEmpty());
  }

  private static Damage damage(B3Digest digest, String problem, String detail) {
    return new Damage(DamageKind.CHUNK, digest, problem, detail);
  }

  private byte[] buffer() {
    if (buffer == null) {
      buffer = new byte[MAX_CHUNK]; // one per run: any chunk fits, however its row lies
    }
    return buffer;
  }
}
