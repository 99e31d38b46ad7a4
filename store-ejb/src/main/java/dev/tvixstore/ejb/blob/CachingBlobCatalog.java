package dev.tvixstore.ejb.blob;

import dev.tvixstore.castore.B3Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link BlobCatalog} that remembers the chunk lists it has read, so that serving a NAR, which
 * first checks every blob complete and then opens each, asks the database once per NAR instead of
 * once per file (the database transaction was the largest cost of a download).
 *
 * <p>A committed chunk list never changes, so an entry is never stale while its blob exists. Only
 * found lists are kept: a blob committed later must show up at once. Garbage collection deletes
 * blobs, and a blob uploaded again after that could be cut differently (another chunk size
 * setting): whoever deletes blob or chunk rows calls {@link #forget} for them (a chunk too, as a
 * chunk reads as a blob of itself). An entry left behind by mistake fails closed: its chunk files
 * are gone, so the completeness check answers 503, never wrong bytes.
 *
 * <p>While a garbage collection runs, the cache is empty and passes every lookup to the database
 * ({@link #suspend}, {@link #resume}): a list cached before GC swept its blob would tell a client
 * the blob is stored and let a PathInfo naming it through, losing data; read from the database,
 * such a put fails cleanly or touches what it needs under GC's rules.
 *
 * <p>Bounded: at most {@code maxChunkRefs} chunk references in all, least recently used out first.
 * Thread-safe.
 */
public final class CachingBlobCatalog implements BlobCatalog {
  private final BlobCatalog inner;
  private final long maxChunkRefs;
  private long chunkRefs;
  // Guarded by lists. suspensions > 0: nothing is served or kept. The generation changes with every
  // suspend and resume, so a lookup that began before one keeps nothing it read.
  private int suspensions;
  private long generation;
  private final LinkedHashMap<B3Digest, List<ChunkRef>> lists =
      new LinkedHashMap<>(1024, 0.75f, true);

  /**
   * A cache in front of {@code inner}, holding at most {@code maxChunkRefs} chunk references
   * (about 150 bytes each).
   */
  public CachingBlobCatalog(BlobCatalog inner, long maxChunkRefs) {
    this.inner = Objects.requireNonNull(inner, "inner");
    if (maxChunkRefs < 1) {
      throw new IllegalArgumentException("cache size must be positive, got " + maxChunkRefs);
    }
    this.maxChunkRefs = maxChunkRefs;
  }

  @Override
  public Optional<List<ChunkRef>> chunks(B3Digest digest) {
    long gen = generation();
    List<ChunkRef> cached = cached(digest);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<List<ChunkRef>> found = inner.chunks(digest);
    found.ifPresent(c -> keep(digest, c, gen));
    return found;
  }

  @Override
  public Map<B3Digest, List<ChunkRef>> chunks(Collection<B3Digest> digests) {
    long gen = generation();
    Map<B3Digest, List<ChunkRef>> found = new HashMap<>();
    List<B3Digest> missing = new ArrayList<>();
    for (B3Digest d : digests) {
      List<ChunkRef> cached = cached(d);
      if (cached != null) {
        found.put(d, cached);
      } else {
        missing.add(d);
      }
    }
    if (!missing.isEmpty()) {
      Map<B3Digest, List<ChunkRef>> read = inner.chunks(missing);
      read.forEach((d, c) -> keep(d, c, gen));
      found.putAll(read);
    }
    return found;
  }

  /** From the cached chunk list when there is one: its last chunk's end. */
  @Override
  public OptionalLong size(B3Digest digest) {
    List<ChunkRef> cached = cached(digest);
    if (cached != null && !cached.isEmpty()) {
      return OptionalLong.of(cached.get(cached.size() - 1).end());
    }
    return inner.size(digest);
  }

  @Override
  public ChunkIndex newIndex() {
    return inner.newIndex();
  }

  /**
   * Commits through the inner catalog, then keeps the lists: the upload's next step (the narinfo
   * PUT checks every file's blob) then finds them here.
   */
  @Override
  public void commitAll(Collection<StoredBlob> blobs) {
    long gen = generation();
    inner.commitAll(blobs);
    for (StoredBlob b : blobs) {
      if (!b.chunks().isEmpty()) {
        keep(b.digest(), b.chunks(), gen);
      }
    }
  }

  /** A garbage collection starts: empty, and serve nothing from memory until {@link #resume}. */
  public void suspend() {
    synchronized (lists) {
      suspensions++;
      generation++;
      clear();
    }
  }

  /** The garbage collection {@link #suspend} was for has ended; what it deleted is not cached. */
  public void resume() {
    synchronized (lists) {
      suspensions = Math.max(0, suspensions - 1);
      generation++;
      clear();
    }
  }

  /**
   * Drops what is cached for these blob or chunk digests. Garbage collection calls it for every
   * blob and chunk whose rows it deletes, after deleting them (a read between the two would
   * otherwise cache the list again).
   */
  @Override
  public void forget(Collection<B3Digest> digests) {
    synchronized (lists) {
      for (B3Digest d : digests) {
        List<ChunkRef> gone = lists.remove(d);
        if (gone != null) {
          chunkRefs -= weight(gone);
        }
      }
    }
  }

  // Callers hold lists.
  private void clear() {
    lists.clear();
    chunkRefs = 0;
  }

  private long generation() {
    synchronized (lists) {
      return generation;
    }
  }

  /** How many chunk lists are cached (for tests and metrics). */
  public int cachedLists() {
    synchronized (lists) {
      return lists.size();
    }
  }

  private List<ChunkRef> cached(B3Digest digest) {
    synchronized (lists) {
      return suspensions > 0 ? null : lists.get(digest);
    }
  }

  /** Keeps a list read since generation {@code gen}, unless a GC started or ended meanwhile. */
  private void keep(B3Digest digest, List<ChunkRef> chunks, long gen) {
    List<ChunkRef> immutable = List.copyOf(chunks);
    int weight = weight(immutable);
    if (weight > maxChunkRefs) {
      return;
    }
    synchronized (lists) {
      if (suspensions > 0 || generation != gen) {
        return;
      }
      List<ChunkRef> before = lists.put(digest, immutable);
      chunkRefs += weight - (before == null ? 0 : weight(before));
      var eldest = lists.entrySet().iterator();
      while (chunkRefs > maxChunkRefs && eldest.hasNext()) {
        chunkRefs -= weight(eldest.next().getValue());
        eldest.remove();
      }
    }
  }

  /** An empty list (the empty blob is never catalogued, but be safe) still costs an entry. */
  private static int weight(List<ChunkRef> chunks) {
    return Math.max(1, chunks.size());
  }
}
