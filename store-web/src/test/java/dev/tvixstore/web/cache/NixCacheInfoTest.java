package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NixCacheInfoTest {

  @Test
  void rendersWhatNixParses() {
    assertEquals(
        "StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 40\n", new NixCacheInfo(40).render());
    assertEquals(
        "StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 7\n", new NixCacheInfo(7).render());
  }

  @Test
  void rejectsNegativePriority() {
    assertThrows(IllegalArgumentException.class, () -> new NixCacheInfo(-1));
  }

  @Test
  void acceptsUploadsForTheSameStoreDirOnly() {
    assertTrue(NixCacheInfo.agreesWith("StoreDir: /nix/store\r\nWantMassQuery: 1\n"));
    assertFalse(NixCacheInfo.agreesWith("StoreDir: /gnu/store\n"));
    assertFalse(NixCacheInfo.agreesWith(""));
  }
}
