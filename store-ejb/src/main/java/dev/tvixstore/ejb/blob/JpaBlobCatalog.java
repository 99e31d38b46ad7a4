package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.persistence.BlobChunkEntity;
import dev.tvixstore.ejb.persistence.BlobEntity;
import dev.tvixstore.ejb.persistence.ChunkEntity;
import dev.tvixstore.ejb.persistence.InsertIfAbsent;
import dev.tvixstore.ejb.persistence.Touch;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.ejb.persistence.WriteBarrier;
import dev.tvixstore.error.DataLossException;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
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
  private static final Map<WriterIndex, Instant> OPEN_WRITERS =
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
          em -> em.createQuery(CHUNKS_OF_BLOBS, Object[].class)
              .setParameter("blobs", keys)
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
    OPEN_WRITERS.put(index, Instant.now());
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

  /** Collects one writer's chunk reports until its blob is complete. */
  private final class WriterIndex implements ChunkIndex {
    private final Map<B3Digest, Long> storedSizes = new HashMap<>();

    @Override
    public void chunkStored(B3Digest digest, int size, long storedSize) {
      storedSizes.putIfAbsent(digest, storedSize);
    }

    @Override
    public void blobStored(B3Digest blob, long size, List<ChunkRef> chunks) {
      if (blob.equals(B3Digest.EMPTY)) {
        OPEN_WRITERS.remove(this);
        return; // exists without a row (BlobService contract)
      }
      try {
        WriteBarrier.write(
            () -> transactions.inTransaction(
                em -> {
                  record(em, blob, size, chunks);
                  return null;
                }));
      } finally {
        OPEN_WRITERS.remove(this);
      }
    }

    private void record(EntityManager em, B3Digest blob, long size, List<ChunkRef> chunks) {
      byte[] key = blob.toBytes();
      // Key order, so that concurrent writers lock chunk rows in one order (InsertIfAbsent).
      SortedMap<B3Digest, ChunkRef> distinct = new TreeMap<>();
      for (ChunkRef c : chunks) {
        distinct.putIfAbsent(c.digest(), c);
      }
      boolean inserted =
          em.callWithConnection(
              (Connection c) -> {
                // Re-use of a committed blob touches it (ejb.gc package-info): the row lock and
                // the new touched_at keep a running GC off it; it has its chunk rows already.
                if (Touch.rows(c, "blob", List.of(key))[0]) {
                  return false;
                }
                Touch.rows(c, "chunk", distinct.keySet().stream().map(B3Digest::toBytes).toList());
                try (InsertIfAbsent rows =
                    InsertIfAbsent.prepare(c, "chunk", "digest", "size", "stored_size")) {
                  for (ChunkRef ref : distinct.values()) {
                    rows.add(ref.digest().toBytes(), (long) ref.size(), storedSize(blob, ref));
                  }
                  rows.execute();
                }
                try (InsertIfAbsent row = InsertIfAbsent.prepare(c, "blob", "digest", "size")) {
                  row.add(key, size);
                  return row.execute()[0];
                }
              });
      if (!inserted) {
        return; // a concurrent writer of the same blob committed it, chunk rows included
      }
      for (int i = 0; i < chunks.size(); i++) {
        ChunkRef c = chunks.get(i);
        em.persist(new BlobChunkEntity(key, i, c.digest().toBytes(), c.offset()));
      }
    }

    private long storedSize(B3Digest blob, ChunkRef chunk) {
      Long stored = storedSizes.get(chunk.digest());
      if (stored == null) {
        // ChunkIndex contract: every chunk is reported before its blob.
        throw new IllegalStateException(
            "chunk " + chunk.digest() + " of blob " + blob + " was never reported stored");
      }
      return stored;
    }
  }
}
