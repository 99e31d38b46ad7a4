package dev.tvixstore.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void bytesUseBinaryUnitsWithOneDecimal() {
    assertEquals("0 B", Figures.bytes(0));
    assertEquals("1023 B", Figures.bytes(1023));
    assertEquals("1.0 KiB", Figures.bytes(1024));
    assertEquals("1.5 KiB", Figures.bytes(1536));
    assertEquals("3.0 MiB", Figures.bytes(3 << 20));
    assertEquals("8.0 EiB", Figures.bytes(Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> Figures.bytes(-1));
    assertEquals("12 bytes", Figures.exactBytes(12));
    assertEquals("1536 bytes (1.5 KiB)", Figures.exactBytes(1536));
  }

  @Test
  void countsTakeTheNounInTheRightNumber() {
    assertEquals("0 chunks", Figures.count(0, "chunk", "chunks"));
    assertEquals("1 directory", Figures.count(1, "directory", "directories"));
    assertEquals("2 directories", Figures.count(2, "directory", "directories"));
  }

  @Test
  void timesAreUtcToTheSecond() {
    Instant t = Instant.parse("2026-11-25T22:10:56.789Z");
    assertEquals("2026-11-25 22:10:56 UTC", Figures.time(t));
    assertEquals("never", Figures.time(Optional.empty(), "never"));
  }
}
