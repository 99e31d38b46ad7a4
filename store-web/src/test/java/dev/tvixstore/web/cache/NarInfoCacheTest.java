package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NarInfoCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final NarInfoCache cache = new NarInfoCache(now::get, 100);

  @Test
  void keepsABodyUntilItExpires() {
    byte[] body = {1, 2};
    cache.put("h", body);
    now.set(99);
    assertArrayEquals(body, cache.get("h"));
    now.set(100);
    assertNull(cache.get("h"));
  }

  @Test
  void forgetsAnInvalidatedBody() {
    cache.put("h", new byte[] {1});
    cache.invalidate("h");
    assertNull(cache.get("h"));
    assertNull(cache.get("never"));
  }

  @Test
  void holdsAtMostMaxEntriesDroppingTheLeastRecentlyUsed() {
    for (int i = 0; i < NarInfoCache.MAX_ENTRIES; i++) {
      cache.put("k" + i, new byte[] {1});
    }
    cache.get("k0"); // used last: k1 is now the least recently used
    cache.put("one-more", new byte[] {2});
    assertNull(cache.get("k1"));
    assertArrayEquals(new byte[] {1}, cache.get("k0"));
    assertArrayEquals(new byte[] {2}, cache.get("one-more"));
  }
}
