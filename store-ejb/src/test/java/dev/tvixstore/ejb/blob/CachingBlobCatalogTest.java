package dev.tvixstore.ejb.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CachingBlobCatalog}: what it keeps, for how long, and what {@code forget} drops. */
class CachingBlobCatalogTest {
  private CountingCatalog inner;
  private CachingBlobCatalog cache;

  /** An in-memory catalog that counts the reads reaching it. */
  private static final class CountingCatalog implements BlobCatalog {
    final InMemoryChunkIndex rows = new InMemoryChunkIndex();
    int reads;

    @Override
    public Optional<List<ChunkRef>> chunks(B3Digest digest) {
      reads++;
      return rows.chunks(digest);
    }

    @Override
    public Map<B3Digest, List<ChunkRef>> chunks(Collection<B3Digest> digests) {
      reads++;
      return rows.chunks(digests);
    }

    @Override
    public OptionalLong size(B3Digest digest) {
      reads++;
      return rows.size(digest);
    }

    @Override
    public ChunkIndex newIndex() {
      return rows;
    }
  }

  @BeforeEach
  void open() {
    inner = new CountingCatalog();
    cache = new CachingBlobCatalog(inner, 3);
  }

  /** Commits a blob of {@code n} chunks of 10 bytes each, named after {@code seed}. */
  private B3Digest blob(int seed, int n) {
    List<ChunkRef> chunks = new ArrayList<>();
    Map<B3Digest, Long> stored = new HashMap<>();
    for (int i = 0; i < n; i++) {
      B3Digest c = B3Digest.hash(new byte[] {(byte) seed, (byte) i});
      chunks.add(new ChunkRef(c, i * 10L, 10));
      stored.put(c, 5L);
    }
    B3Digest d =
        n == 1 ? chunks.get(0).digest() : B3Digest.hash(new byte[] {(byte) seed, (byte) 99});
    inner.commitAll(List.of(new BlobCatalog.StoredBlob(d, n * 10L, chunks, stored)));
    return d;
  }

  @Test
  void aFoundChunkListIsReadOnce() {
    B3Digest d = blob(1, 2);
    assertEquals(2, cache.chunks(d).orElseThrow().size());
    assertEquals(2, cache.chunks(d).orElseThrow().size());
    assertEquals(OptionalLong.of(20), cache.size(d));
    assertEquals(1, inner.reads);
  }

  @Test
  void whileAGarbageCollectionRunsEveryLookupGoesToTheDatabase() {
    B3Digest d = blob(2, 1);
    cache.chunks(d).orElseThrow();
    cache.suspend();
    assertEquals(0, cache.cachedLists());
    cache.chunks(d).orElseThrow();
    cache.chunks(List.of(d));
    assertEquals(3, inner.reads, "nothing served or kept while suspended");
    assertEquals(0, cache.cachedLists());
    cache.resume();
    cache.chunks(d).orElseThrow();
    cache.chunks(d).orElseThrow();
    assertEquals(4, inner.reads, "cached again once the run has ended");
  }

  @Test
  void aMissIsNotKeptSoThatALaterCommitShowsAtOnce() {
    B3Digest later = B3Digest.hash(new byte[] {7, 0});
    assertTrue(cache.chunks(later).isEmpty());
    assertEquals(later, blob(7, 1));
    assertEquals(1, cache.chunks(later).orElseThrow().size());
  }

  @Test
  void manyDigestsReadOnlyThoseNotCached() {
    B3Digest a = blob(1, 1);
    B3Digest b = blob(2, 1);
    cache.chunks(a);
    inner.reads = 0;
    Map<B3Digest, List<ChunkRef>> found = cache.chunks(List.of(a, b));
    assertEquals(2, found.size());
    assertEquals(1, inner.reads);
    cache.chunks(List.of(a, b));
    assertEquals(1, inner.reads, "both cached now");
  }

  @Test
  void forgetDropsTheListSoTheNextReadAsksAgain() {
    B3Digest d = blob(1, 1);
    cache.chunks(d);
    cache.forget(List.of(d));
    assertEquals(0, cache.cachedLists());
    cache.chunks(d);
    assertEquals(2, inner.reads);
  }

  @Test
  void holdsAtMostItsBoundOfChunkReferencesLeastRecentlyUsedOutFirst() {
    B3Digest a = blob(1, 1);
    B3Digest b = blob(2, 2);
    B3Digest c = blob(3, 1);
    cache.chunks(a);
    cache.chunks(b);
    cache.chunks(a); // a is now more recent than b
    cache.chunks(c); // 1 + 2 + 1 > 3: b goes
    assertEquals(2, cache.cachedLists());
    inner.reads = 0;
    cache.chunks(a);
    cache.chunks(c);
    assertEquals(0, inner.reads);
    cache.chunks(b);
    assertEquals(1, inner.reads);
  }

  @Test
  void aListLargerThanTheWholeBoundIsNotKept() {
    B3Digest big = blob(1, 4);
    cache.chunks(big);
    assertEquals(0, cache.cachedLists());
  }

  @Test
  void commitAllKeepsTheCommittedLists() {
    B3Digest d = B3Digest.hash(new byte[] {42});
    cache.commitAll(
        List.of(
            new BlobCatalog.StoredBlob(d, 3, List.of(new ChunkRef(d, 0, 3)), Map.of(d, 12L))));
    assertEquals(OptionalLong.of(3), cache.size(d));
    assertEquals(0, inner.reads);
  }
}
