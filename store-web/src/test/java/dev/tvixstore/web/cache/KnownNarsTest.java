package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoIndex;
import dev.tvixstore.store.StorePath;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KnownNarsTest {
  private final AtomicLong now = new AtomicLong();
  private final KnownNars known = new KnownNars(now::get, 100);
  private final NixHash hash = NixHash.sha256Of(new byte[] {1});
  private final NarDownloads.Known nar =
      new NarDownloads.Known(
          new FileNode(PathComponent.EMPTY, B3Digest.hash(new byte[] {1}), 1, false), 120);

  @Test
  void keepsWhatAHashNamesUntilItExpires() {
    known.put(hash, nar);
    now.set(99);
    assertEquals(nar, known.get(hash));
    now.set(100);
    assertNull(known.get(hash));
    assertNull(known.get(NixHash.sha256Of(new byte[] {2})));
  }

  @Test
  void aDownloadLooksUpAHashInTheIndexOnceWhileItIsKnown() {
    AtomicInteger lookups = new AtomicInteger();
    PathInfoIndex index =
        new PathInfoIndex() {
          @Override
          public Optional<PathInfo> findByNarSha256(NixHash narSha256) {
            lookups.incrementAndGet();
            return Optional.empty();
          }

          @Override
          public List<StorePath> referrers(byte[] digest) {
            return List.of();
          }
        };
    NarDownloads downloads = new NarDownloads(index, new InMemoryNarUploadLog(), known);
    NarFileName name = new NarFileName(hash, Compression.NONE);
    assertEquals(Optional.empty(), downloads.find(name));
    assertEquals(1, lookups.get(), "a miss is not remembered");
    known.put(hash, nar); // a narinfo naming it was served
    assertEquals(Optional.of(nar), downloads.find(name));
    assertEquals(1, lookups.get());
  }
}
