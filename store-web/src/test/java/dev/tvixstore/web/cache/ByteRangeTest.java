package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

  private static Optional<ByteRange> parse(String header, long size) throws Exception {
    return ByteRange.parse(header, size);
  }

  @Test
  void noHeaderMeansTheWholeBody() throws Exception {
    assertEquals(Optional.empty(), parse(null, 100));
  }

  @Test
  void readsFirstLastOpenAndSuffixRanges() throws Exception {
    assertEquals(Optional.of(new ByteRange(10, 20)), parse("bytes=10-19", 100));
    assertEquals(Optional.of(new ByteRange(90, 100)), parse("bytes=90-", 100));
    assertEquals(Optional.of(new ByteRange(90, 100)), parse("bytes=90-500", 100));
    assertEquals(Optional.of(new ByteRange(70, 100)), parse("bytes=-30", 100));
    assertEquals(Optional.of(new ByteRange(0, 100)), parse("bytes=-300", 100));
    assertEquals(Optional.of(new ByteRange(0, 1)), parse("Bytes=0-0", 100));
  }

  @Test
  void rangesStartingAtOrPastTheEndAreNotSatisfiable() {
    ByteRange.NotSatisfiable e =
        assertThrows(ByteRange.NotSatisfiable.class, () -> parse("bytes=100-", 100));
    assertEquals(100, e.size());
    assertThrows(ByteRange.NotSatisfiable.class, () -> parse("bytes=-0", 100));
  }

  @Test
  void malformedOrMultipleRangesAreIgnored() throws Exception {
    for (String h :
        new String[] {
          "bytes=0-1,5-6",
          "items=0-1",
          "bytes=5-1",
          "bytes=a-b",
          "bytes=",
          "bytes=1",
          "bytes=--1",
          "bytes=99999999999999999999-"
        }) {
      assertEquals(Optional.empty(), parse(h, 100), h);
    }
  }

  @Test
  void rendersContentRange() {
    assertEquals("bytes 10-19/100", new ByteRange(10, 20).contentRange(100));
    assertEquals(10, new ByteRange(10, 20).length());
  }
}
