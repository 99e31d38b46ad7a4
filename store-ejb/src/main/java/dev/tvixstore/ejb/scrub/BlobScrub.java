package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.persistence.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Phase 2: every row of {@code blob}, in key order, has a sound chunk list ({@link
 * ChunkListCheck}). The chunk rows of a page of blobs are read in one range query over the
 * primary key of {@code blob_chunk}. That the chunk files are there and sound is phase 1's part.
 */
final class BlobScrub {
  static final int BATCH = 256;

  private static final String CHUNK_ROWS =
      "SELECT bc.blob_digest, bc.idx, bc.chunk_digest, bc.chunk_offset, c.size"
          + " FROM blob_chunk bc LEFT JOIN chunk c ON c.digest = bc.chunk_digest"
          + " WHERE bc.blob_digest >= ? AND bc.blob_digest <= ?"
          + " ORDER BY bc.blob_digest, bc.idx";

  private static final String RECHECK =
      "SELECT b.size, bc.idx, bc.chunk_digest, bc.chunk_offset, c.size FROM blob b"
          + " LEFT JOIN blob_chunk bc ON bc.blob_digest = b.digest"
          + " LEFT JOIN chunk c ON c.digest = bc.chunk_digest"
          + " WHERE b.digest = ? ORDER BY bc.idx";

  private record Blob(B3Digest digest, long size) {}

  private final Transactions transactions;

  BlobScrub(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  void run(ScrubProgress progress, ScrubListener listener) {
    progress.phase = ScrubProgress.Phase.BLOBS;
    progress.blobsTotal = Keyset.count(transactions, "blob");
    byte[] after = new byte[0];
    while (true) {
      List<Blob> page =
          Keyset.page(transactions, "digest, size", "blob", "digest", after, BATCH,
              rs -> new Blob(B3Digest.of(rs.getBytes(1)), rs.getLong(2)));
      if (page.isEmpty()) {
        return;
      }
      Map<B3Digest, List<ChunkListCheck.Row>> rows =
          chunkRows(page.getFirst().digest(), page.getLast().digest());
      List<Damage> found = new ArrayList<>();
      for (Blob b : page) {
        ChunkListCheck.problem(b.digest(), b.size(), rows.getOrDefault(b.digest(), List.of()))
            .flatMap(p -> recheck(b.digest()))
            .ifPresent(p -> found.add(
                new Damage(DamageKind.BLOB, b.digest(), Damage.CHUNK_LIST, p)));
        progress.blobsDone++;
      }
      if (!found.isEmpty()) {
        listener.found(found);
      }
      after = page.getLast().digest().toBytes();
      listener.batchDone();
    }
  }

  /**
   * The problem of one blob, read again in a single statement: the page and its chunk rows were
   * two reads, between which a garbage collection may have deleted the blob with its rows (a
   * blob row without chunk rows is then no damage). Empty if the blob is gone or sound now.
   */
  private Optional<String> recheck(B3Digest blob) {
    return transactions.inTransaction(
        em ->
            em.callWithConnection(
                (Connection c) -> {
                  try (PreparedStatement s = c.prepareStatement(RECHECK)) {
                    s.setBytes(1, blob.toBytes());
                    try (ResultSet rs = s.executeQuery()) {
                      Long blobSize = null;
                      List<ChunkListCheck.Row> rows = new ArrayList<>();
                      while (rs.next()) {
                        blobSize = rs.getLong(1);
                        byte[] chunk = rs.getBytes(3);
                        if (chunk != null) {
                          long size = rs.getLong(5);
                          rows.add(new ChunkListCheck.Row(rs.getInt(2), B3Digest.of(chunk),
                              rs.getLong(4), rs.wasNull() ? null : size));
                        }
                      }
                      return blobSize == null
                          ? Optional.<String>empty()
                          : ChunkListCheck.problem(blob, blobSize, rows);
                    }
                  }
                }));
  }

  private Map<B3Digest, List<ChunkListCheck.Row>> chunkRows(B3Digest first, B3Digest last) {
    return transactions.inTransaction(
        em ->
            em.callWithConnection(
                (Connection c) -> {
                  Map<B3Digest, List<ChunkListCheck.Row>> rows = new HashMap<>();
                  try (PreparedStatement s = c.prepareStatement(CHUNK_ROWS)) {
                    s.setBytes(1, first.toBytes());
                    s.setBytes(2, last.toBytes());
                    try (ResultSet rs = s.executeQuery()) {
                      while (rs.next()) {
                        long size = rs.getLong(5);
                        Long chunkSize = rs.wasNull() ? null : size;
                        rows.computeIfAbsent(B3Digest.of(rs.getBytes(1)), b -> new ArrayList<>())
                            .add(new ChunkListCheck.Row(rs.getInt(2),
                                B3Digest.of(rs.getBytes(3)), rs.getLong(4), chunkSize));
                      }
                    }
                  }
                  return rows;
                }));
  }
}
