package dev.tvixstore.ejb.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DownloadTallyTest {
  @Test
  void countsTheGrowthSinceTheLastFlush() {
    DownloadTally t = new DownloadTally();
    assertEquals(3, t.pending(3));
    t.flushed(3);
    assertEquals(0, t.pending(3));
    assertEquals(4, t.pending(7));
    assertEquals(5, t.pending(8), "not flushed (the sample was not recorded): still pending");
    t.flushed(8);
    assertEquals(2, t.pending(2)); // a replaced counter counts from zero
  }
}
