package dev.tvixstore.ejb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkListCheckTest {
  private static final B3Digest BLOB = digest("blob");
  private static final B3Digest C0 = digest("c0");
  private static final B3Digest C1 = digest("c1");

  private static B3Digest digest(String s) {
    return B3Digest.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String problem(long size, ChunkListCheck.Row... rows) {
    Optional<String> p = ChunkListCheck.problem(BLOB, size, List.of(rows));
    assertTrue(p.isPresent(), "a problem expected");
    return p.get();
  }

  @Test
  void acceptsContiguousChunksAddingUpToTheBlob() {
    assertEquals(Optional.empty(), ChunkListCheck.problem(BLOB, 30, List.of(
        new ChunkListCheck.Row(0, C0, 0, 10L), new ChunkListCheck.Row(1, C1, 10, 20L))));
    assertEquals(Optional.empty(), ChunkListCheck.problem(C0, 10, List.of(
        new ChunkListCheck.Row(0, C0, 0, 10L))));
  }

  @Test
  void namesEachBrokenRule() {
    assertTrue(ChunkListCheck.problem(BLOB, 0, List.of()).orElseThrow().contains("no chunks"));
    assertTrue(problem(30, new ChunkListCheck.Row(0, C0, 0, 10L),
        new ChunkListCheck.Row(2, C1, 10, 20L)).contains("index 1 is missing"));
    assertTrue(problem(30, new ChunkListCheck.Row(0, C0, 0, 10L),
        new ChunkListCheck.Row(1, C1, 10, null)).contains("has no chunk row"));
    assertTrue(problem(30, new ChunkListCheck.Row(0, C0, 0, 0L),
        new ChunkListCheck.Row(1, C1, 0, 20L)).contains("has size 0"));
    assertTrue(problem(30, new ChunkListCheck.Row(0, C0, 0, 10L),
        new ChunkListCheck.Row(1, C1, 11, 20L)).contains("starts at 11, not at 10"));
    assertTrue(problem(30, new ChunkListCheck.Row(0, C0, 5, 10L),
        new ChunkListCheck.Row(1, C1, 15, 20L)).contains("starts at 5, not at 0"));
    assertTrue(problem(31, new ChunkListCheck.Row(0, C0, 0, 10L),
        new ChunkListCheck.Row(1, C1, 10, 20L)).contains("add up to 30 bytes, its row says 31"));
    assertTrue(problem(10, new ChunkListCheck.Row(0, C0, 0, 10L))
        .contains("is not the blob itself"));
  }
}
