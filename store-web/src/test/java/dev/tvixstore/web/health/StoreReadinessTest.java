package dev.tvixstore.web.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreReadinessTest {
  @Test
  void readyWhenTheDatabaseAnswersAndThereIsRoom() {
    assertTrue(StoreReadiness.of(true, 10, 10).ready());
    StoreReadiness full = StoreReadiness.of(true, 9, 10);
    assertFalse(full.ready());
    assertEquals(
        Optional.of(
            "the data dir has 9 bytes free, less than tvix.store.health.min-free-bytes=10"),
        full.problem());
    assertEquals(
        Optional.of("the metadata database does not answer"),
        StoreReadiness.of(false, 100, 10).problem());
  }

  @Test
  void theThresholdIsBytesWithADefault() {
    assertEquals(ReadinessProbe.DEFAULT_MIN_FREE_BYTES, ReadinessProbe.parse(" "));
    assertEquals(0, ReadinessProbe.parse("0"));
    assertEquals(
        "tvix.store.health.min-free-bytes=1G is not a whole number of bytes",
        assertThrows(IllegalArgumentException.class, () -> ReadinessProbe.parse("1G"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReadinessProbe.parse("-1"));
  }
}
