package dev.tvixstore.web.cache;

import dev.tvixstore.nix.NixHash;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What recently served narinfos and NARs said a NAR hash names ({@link NarDownloads.Known}), so
 * that the {@code GET /nar/…} a client sends right after reading a narinfo costs no database
 * lookup: finding a path by its NAR hash was the largest cost of serving a small NAR.
 *
 * <p>A NAR hash names the same NAR, so the same castore root, for as long as the path exists. An
 * entry lives {@link #TTL_SECONDS} seconds at most, which bounds how long a path removed by garbage
 * collection can still be looked for: such a request then fails closed (404 when its directories
 * are gone, 503 when only blobs are), never with wrong bytes. At most {@link #MAX_ENTRIES} entries,
 * least recently used out first. Thread-safe.
 */
@ApplicationScoped
public class KnownNars {
  static final int MAX_ENTRIES = 16_384;
  static final long TTL_SECONDS = 60;

  private record Cached(NarDownloads.Known known, long expires) {}

  private final LongSupplier clock;
  private final long ttlNanos;
  private final Map<NixHash, Cached> entries =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NixHash, Cached> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** A cache on the system clock. */
  public KnownNars() {
    this(System::nanoTime, TimeUnit.SECONDS.toNanos(TTL_SECONDS));
  }

  KnownNars(LongSupplier clock, long ttlNanos) {
    this.clock = clock;
    this.ttlNanos = ttlNanos;
  }

  /** What {@code narSha256} was last found to name, or null. */
  public NarDownloads.Known get(NixHash narSha256) {
    synchronized (entries) {
      Cached e = entries.get(narSha256);
      if (e == null) {
        return null;
      }
      if (clock.getAsLong() - e.expires() >= 0) {
        entries.remove(narSha256);
        return null;
      }
      return e.known();
    }
  }

  /** Remembers that {@code narSha256} names {@code known}. */
  public void put(NixHash narSha256, NarDownloads.Known known) {
    long expires = clock.getAsLong() + ttlNanos;
    synchronized (entries) {
      entries.put(narSha256, new Cached(known, expires));
    }
  }
}
