package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

  private static CacheSettings load(Map<String, String> values) {
    return CacheSettings.load(k -> Optional.ofNullable(values.get(k)));
  }

  @Test
  void defaultsAreSafe() {
    CacheSettings s = load(Map.of());
    assertEquals(CacheSettings.DEFAULT_MAX_NAR_SIZE, s.maxNarSize());
    assertEquals(CacheSettings.DEFAULT_MAX_NARINFO_SIZE, s.maxNarInfoSize());
  }

  @Test
  void readsEveryKey() {
    CacheSettings s =
        load(
            Map.of(
                CacheSettings.MAX_NAR_SIZE, " 1048576 ",
                CacheSettings.MAX_NARINFO_SIZE, "4096"));
    assertEquals(1 << 20, s.maxNarSize());
    assertEquals(4096, s.maxNarInfoSize());
  }

  @Test
  void namesTheKeyOfABadValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> load(Map.of(CacheSettings.MAX_NAR_SIZE, "1G")));
    assertTrue(e.getMessage().startsWith(CacheSettings.MAX_NAR_SIZE), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> load(Map.of(CacheSettings.MAX_NAR_SIZE, "0")));
    assertThrows(
        IllegalArgumentException.class,
        () -> load(Map.of(CacheSettings.MAX_NARINFO_SIZE, "2000000")));
  }
}
