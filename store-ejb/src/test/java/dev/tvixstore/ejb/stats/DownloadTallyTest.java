package dev.tvixstore.ejb.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DownloadTallyTest {
  @Test
  void takesTheGrowthSinceTheLastTake() {
    DownloadTally t = new DownloadTally();
    assertEquals(3, t.pending(3));
    assertEquals(3, t.take(3));
    assertEquals(0, t.pending(3));
    assertEquals(4, t.take(7));
    assertEquals(2, t.take(2)); // a replaced counter counts from zero
  }
}
