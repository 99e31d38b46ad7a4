package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.persistence.BlobEntity;
import dev.tvixstore.ejb.persistence.ChunkEntity;
import dev.tvixstore.ejb.persistence.DigestParameters;
import dev.tvixstore.ejb.persistence.InsertIfAbsent;
import dev.tvixstore.ejb.persistence.Touch;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.ejb.persistence.WriteBarrier;
import dev.tvixstore.error.DataLossException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * A {@link BlobCatalog} in the metadata database (tables {@code chunk}, {@code blob}, {@code
 * blob_chunk}). A writer's index keeps the chunk reports in memory and writes them with the blob
 * in one transaction at {@code blobStored}: the rows appear only once every chunk file is
 * durable, and all at once. Writers of equal chunks or blobs never fail or duplicate a row
 * ({@link InsertIfAbsent}).
 */
public final class JpaBlobCatalog implements BlobCatalog {
  // Writers (a blob writer's index, a BlobBatch) that may have found chunk files present and not
  // committed their rows yet, with when they started: see oldestOpenWriter.
  private static final Map<Object, Instant> OPEN_WRITERS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static final String CHUNKS_OF_BLOB =
      "select bc.chunkDigest, bc.chunkOffset, c.size from BlobChunkEntity bc, ChunkEntity c"
          + " where c.digest = bc.chunkDigest and bc.blobDigest = :blob order by bc.idx";

  private static final String CHUNKS_OF_BLOBS =
      "select bc.blobDigest, bc.chunkDigest, bc.chunkOffset, c.size"
          + " from BlobChunkEntity bc, ChunkEntity c"
          + " where c.digest = bc.chunkDigest and bc.blobDigest in :blobs"
          + " order by bc.blobDigest, bc.idx";

  /** Blobs per query of the many-digest {@link #chunks(Collection)}; fits any IN list. */
  static final int BATCH = 100;

  private static final String INSERT_BLOB_CHUNK =
      "insert into blob_chunk (blob_digest, idx, chunk_digest, chunk_offset) values (?, ?, ?, ?)";

  private final Transactions transactions;

  /** A catalog whose every read and write is one transaction of {@code transactions}. */
  public JpaBlobCatalog(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public Optional<List<ChunkRef>> chunks(B3Digest digest) {
    byte[] key = digest.toBytes();
    return transactions.inTransaction(
        em -> {
          List<Object[]> rows =
              em.createQuery(CHUNKS_OF_BLOB, Object[].class)
                  .setParameter("blob", key)
                  .getResultList();
          if (!rows.isEmpty()) {
            return Optional.of(
                rows.stream()
                    .map(r -> chunk(digest, (byte[]) r[0], (Long) r[1], (Long) r[2]))
                    .toList());
          }
          BlobEntity blob = em.find(BlobEntity.class, key);
          if (blob != null) {
            // Only an empty blob has no chunks, and the empty blob is never written as a row.
            throw new DataLossException("blob " + digest + " has no chunk rows");
          }
          ChunkEntity chunk = em.find(ChunkEntity.class, key);
          return Optional.ofNullable(chunk)
              .map(c -> List.of(new ChunkRef(digest, 0, chunkSize(digest, c.size()))));
        });
  }

  /**
   * One query per {@link #BATCH} blobs. A digest with no chunk rows (a chunk asked for as a blob,
   * or nothing stored) is looked up on its own, as {@link #chunks(B3Digest)} does.
   */
  @Override
  public Map<B3Digest, List<ChunkRef>> chunks(Collection<B3Digest> digests) {
    List<B3Digest> distinct = List.copyOf(new LinkedHashSet<>(digests));
    Map<B3Digest, List<ChunkRef>> found = new HashMap<>();
    for (int i = 0; i < distinct.size(); i += BATCH) {
      List<byte[]> keys = distinct.subList(i, Math.min(distinct.size(), i + BATCH)).stream()
          .map(B3Digest::toBytes)
          .toList();
      List<Object[]> rows = transactions.inTransaction(
          em ->
              DigestParameters.bind(em.createQuery(CHUNKS_OF_BLOBS, Object[].class), "blobs", keys)
                  .getResultList());
      for (Object[] r : rows) {
        B3Digest blob = B3Digest.of((byte[]) r[0]);
        found.computeIfAbsent(blob, b -> new ArrayList<>())
            .add(chunk(blob, (byte[]) r[1], (Long) r[2], (Long) r[3]));
      }
    }
    for (B3Digest d : distinct) {
      if (!found.containsKey(d)) {
        chunks(d).ifPresent(c -> found.put(d, c));
      }
    }
    return found;
  }

  private static ChunkRef chunk(B3Digest blob, byte[] digest, long offset, long size) {
    return new ChunkRef(B3Digest.of(digest), offset, chunkSize(blob, size));
  }

  private static int chunkSize(B3Digest owner, long size) {
    if (size < 1 || size > FastCdc.MAXIMUM_MAX) {
      throw new DataLossException("a chunk row of " + owner + " has impossible size " + size);
    }
    return (int) size;
  }

  @Override
  public OptionalLong size(B3Digest digest) {
    byte[] key = digest.toBytes();
    return transactions.inTransaction(
        em -> {
          BlobEntity blob = em.find(BlobEntity.class, key);
          if (blob != null) {
            return OptionalLong.of(blob.size());
          }
          ChunkEntity chunk = em.find(ChunkEntity.class, key);
          return chunk == null ? OptionalLong.empty() : OptionalLong.of(chunk.size());
        });
  }

  @Override
  public ChunkIndex newIndex() {
    WriterIndex index = new WriterIndex();
    writerOpened(index);
    return index;
  }

  /**
   * When the oldest blob writer of this JVM that has not committed yet was opened. Garbage
   * collection keeps everything touched since then (ejb.gc package-info): such a writer may have
   * found a chunk file present and will commit its row later. A writer closed without committing
   * leaves its entry until the JVM collects it, which only makes GC keep more.
   */
  public static Optional<Instant> oldestOpenWriter() {
    synchronized (OPEN_WRITERS) {
      return OPEN_WRITERS.values().stream().min(Comparator.naturalOrder());
    }
  }

  /** {@code writer} starts (or, after a commit, starts again) relying on chunk files it found. */
  static void writerOpened(Object writer) {
    OPEN_WRITERS.put(writer, Instant.now());
  }

  /** {@code writer} committed or gave up: nothing of it waits for a commit any more. */
  static void writerDone(Object writer) {
    OPEN_WRITERS.remove(writer);
  }

  /** All in one transaction, a few batched statements whatever the number of blobs. */
  @Override
  public void commitAll(Collection<StoredBlob> blobs) {
    // Key order throughout, so that concurrent writers lock rows in one order (InsertIfAbsent).
    SortedMap<B3Digest, StoredBlob> distinctBlobs = new TreeMap<>();
    SortedMap<B3Digest, long[]> distinctChunks = new TreeMap<>();
    for (StoredBlob b : blobs) {
      if (b.digest().equals(B3Digest.EMPTY)) {
        continue; // exists without a row (BlobService contract)
      }
      distinctBlobs.putIfAbsent(b.digest(), b);
      for (ChunkRef c : b.chunks()) {
        distinctChunks.putIfAbsent(
            c.digest(), new long[] {c.size(), b.storedSizes().get(c.digest())});
      }
    }
    if (distinctBlobs.isEmpty()) {
      return;
    }
    // It touches rows: inside the write barrier, ordered against a GC's cutoff (WriteBarrier).
    WriteBarrier.write(
        () ->
            transactions.inTransaction(
                em ->
                    em.callWithConnection(
                        (Connection c) -> {
                          insert(c, distinctBlobs, distinctChunks);
                          return null;
                        })));
  }

  private static void insert(
      Connection c, SortedMap<B3Digest, StoredBlob> blobs, SortedMap<B3Digest, long[]> allChunks)
      throws SQLException {
    // Re-use of a committed blob touches it (ejb.gc package-info): the row lock and the new
    // touched_at keep a running GC off it, and it has its chunk rows already.
    List<StoredBlob> candidates = List.copyOf(blobs.values());
    boolean[] committed =
        Touch.rows(c, "blob", candidates.stream().map(b -> b.digest().toBytes()).toList());
    List<StoredBlob> ordered = new ArrayList<>();
    SortedMap<B3Digest, long[]> chunks = new TreeMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (!committed[i]) {
        StoredBlob b = candidates.get(i);
        ordered.add(b);
        b.chunks().forEach(ref -> chunks.put(ref.digest(), allChunks.get(ref.digest())));
      }
    }
    if (ordered.isEmpty()) {
      return;
    }
    // Chunk rows that exist are touched likewise before the new blobs refer to them.
    Touch.rows(c, "chunk", chunks.keySet().stream().map(B3Digest::toBytes).toList());
    try (InsertIfAbsent rows =
        InsertIfAbsent.prepare(c, "chunk", "digest", "size", "stored_size")) {
      for (Map.Entry<B3Digest, long[]> e : chunks.entrySet()) {
        rows.add(e.getKey().toBytes(), e.getValue()[0], e.getValue()[1]);
      }
      rows.execute();
    }
    boolean[] inserted;
    try (InsertIfAbsent rows = InsertIfAbsent.prepare(c, "blob", "digest", "size")) {
      for (StoredBlob b : ordered) {
        rows.add(b.digest().toBytes(), b.size());
      }
      inserted = rows.execute();
    }
    try (PreparedStatement rows = c.prepareStatement(INSERT_BLOB_CHUNK)) {
      for (int i = 0; i < ordered.size(); i++) {
        if (!inserted[i]) {
          continue; // committed before (or by a concurrent writer), its chunk rows with it
        }
        StoredBlob b = ordered.get(i);
        byte[] key = b.digest().toBytes();
        for (int idx = 0; idx < b.chunks().size(); idx++) {
          ChunkRef chunk = b.chunks().get(idx);
          rows.setBytes(1, key);
          rows.setInt(2, idx);
          rows.setBytes(3, chunk.digest().toBytes());
          rows.setLong(4, chunk.offset());
          rows.addBatch();
        }
      }
      rows.executeBatch();
    }
  }

  /** Collects one writer's chunk reports until its blob is complete, then commits it. */
  private final class WriterIndex extends StoredBlobIndex {
    @Override
    void stored(StoredBlob blob) {
      try {
        commitAll(List.of(blob));
      } finally {
        writerDone(this);
      }
    }
  }
}
