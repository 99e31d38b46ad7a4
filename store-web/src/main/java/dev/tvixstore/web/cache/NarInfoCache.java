package dev.tvixstore.web.cache;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Signed narinfo documents served in the last few seconds, so that a narinfo asked for again (a
 * fleet of clients resolving one closure) costs no database lookup and no signing. Only found paths
 * are kept: an unknown path must turn up as soon as it is uploaded.
 *
 * <p>An entry lives {@link #TTL_SECONDS} seconds at most: a narinfo changes only when a later put
 * merges new signatures or garbage collection removes the path, and this bounds how long such a
 * change can go unseen. Uploads through this server drop their entry at once. At most {@link
 * #MAX_ENTRIES} entries, least recently used out first. Thread-safe.
 */
@ApplicationScoped
public class NarInfoCache {
  static final int MAX_ENTRIES = 16_384;
  static final long TTL_SECONDS = 10;

  private record Cached(byte[] body, long expires) {}

  private final LongSupplier clock;
  private final long ttlNanos;
  private final Map<String, Cached> entries =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** A cache on the system clock. */
  public NarInfoCache() {
    this(System::nanoTime, TimeUnit.SECONDS.toNanos(TTL_SECONDS));
  }

  NarInfoCache(LongSupplier clock, long ttlNanos) {
    this.clock = clock;
    this.ttlNanos = ttlNanos;
  }

  /** The body cached for the store path hash part {@code hash}, or null. */
  public byte[] get(String hash) {
    synchronized (entries) {
      Cached e = entries.get(hash);
      if (e == null) {
        return null;
      }
      if (clock.getAsLong() - e.expires() >= 0) {
        entries.remove(hash);
        return null;
      }
      return e.body();
    }
  }

  /** Keeps {@code body} (not copied: callers never change it) for {@code hash}. */
  public void put(String hash, byte[] body) {
    long expires = clock.getAsLong() + ttlNanos;
    synchronized (entries) {
      entries.put(hash, new Cached(body, expires));
    }
  }

  /** Forgets {@code hash}, after a put that may have changed its narinfo. */
  public void invalidate(String hash) {
    synchronized (entries) {
      entries.remove(hash);
    }
  }
}
