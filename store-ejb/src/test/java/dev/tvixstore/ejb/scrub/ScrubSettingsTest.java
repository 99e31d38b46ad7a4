package dev.tvixstore.ejb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScrubSettingsTest {
  private static ScrubSettings load(Map<String, String> values) {
    return ScrubSettings.load(k -> Optional.ofNullable(values.get(k)));
  }

  @Test
  void defaultsToUnlimited() {
    assertEquals(0, load(Map.of()).rateBytesPerSecond());
    assertEquals(0, load(Map.of(ScrubSettings.RATE, "  ")).rateBytesPerSecond());
  }

  @Test
  void readsMebibytesPerSecond() {
    assertEquals(50L << 20, load(Map.of(ScrubSettings.RATE, "50")).rateBytesPerSecond());
    assertEquals(512L << 10, load(Map.of(ScrubSettings.RATE, "0.5")).rateBytesPerSecond());
  }

  @Test
  void rejectsWhatIsNotARate() {
    for (String bad : new String[] {"-1", "fast", "NaN", "Infinity", "1e30"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> load(Map.of(ScrubSettings.RATE, bad)), bad);
      assertTrue(e.getMessage().contains(ScrubSettings.RATE + "=" + bad), e.getMessage());
    }
  }
}
