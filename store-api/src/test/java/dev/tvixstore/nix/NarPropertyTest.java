package dev.tvixstore.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tvixstore.castore.MapCastore;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.RandomTrees;
import dev.tvixstore.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random trees through writer and reader. Set {@code -Dnar.seed=N} to replay a failure; the
 * seed is in every failure message.
 */
class NarPropertyTest {
  private static final long SEED = Long.getLong("nar.seed", 0x7a1c5eedL);
  private static final int TREES = 100;
  private static final int MUTATIONS_PER_TREE = 20;

  private static byte[] render(Node root, MapCastore store) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new NarWriter(store, store).write(root, out);
    return out.toByteArray();
  }

  @Test
  void writtenNarReadsBackToTheSameTreeAndLayoutMatches() throws IOException {
    Random random = new Random(SEED);
    for (int t = 0; t < TREES; t++) {
      String where = "seed=" + SEED + " tree=" + t;
      MapCastore store = new MapCastore();
      Node root = new RandomTrees(random, store).root(4);
      byte[] nar = render(root, store);
      assertEquals(nar.length, NarLayout.narSize(root, store), where);
      CapturingHandler h = new CapturingHandler();
      assertEquals(root, NarReader.read(new ByteArrayInputStream(nar), h), where);
      assertEquals(store.directories.keySet(), h.store.directories.keySet(), where);
      NarVectorsTest.assertChildrenBeforeParents(h.directoryCalls);
    }
  }

  @Test
  void anyRangeOfTheNarIsTheMatchingSliceOfTheWholeNar() throws IOException {
    Random random = new Random(SEED);
    for (int t = 0; t < TREES; t++) {
      MapCastore store = new MapCastore();
      Node root = new RandomTrees(random, store).root(4);
      byte[] nar = render(root, store);
      NarWriter writer = new NarWriter(store, store);
      for (int r = 0; r < 10; r++) {
        int offset = random.nextInt(nar.length + 8);
        int length = random.nextInt(4) == 0 ? random.nextInt(16) : random.nextInt(nar.length + 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeRange(root, out, offset, length);
        byte[] expected = offset >= nar.length ? new byte[0]
            : Arrays.copyOfRange(nar, offset, Math.min(nar.length, offset + length));
        assertArrayEquals(expected, out.toByteArray(),
            "seed=" + SEED + " tree=" + t + " range=" + offset + "+" + length);
      }
    }
  }

  @Test
  void corruptedOrTruncatedNarNeverYieldsTheOriginalTree() throws IOException {
    Random random = new Random(SEED);
    int rejected = 0;
    int accepted = 0;
    for (int t = 0; t < TREES; t++) {
      MapCastore store = new MapCastore();
      Node root = new RandomTrees(random, store).root(4);
      byte[] nar = render(root, store);
      for (int m = 0; m < MUTATIONS_PER_TREE; m++) {
        byte[] bad;
        String what;
        if (random.nextInt(4) == 0) {
          int len = random.nextInt(nar.length);
          bad = Arrays.copyOf(nar, len);
          what = "truncated to " + len;
        } else {
          int at = random.nextInt(nar.length);
          bad = nar.clone();
          bad[at] ^= (byte) (1 + random.nextInt(255));
          what = "byte " + at + " changed";
        }
        String where = "seed=" + SEED + " tree=" + t + " mutation=" + m + " (" + what + ")";
        CapturingHandler h = new CapturingHandler();
        Node back;
        try {
          back = NarReader.read(new ByteArrayInputStream(bad), h);
        } catch (InvalidRequestException e) {
          rejected++;
          continue;
        } catch (RuntimeException | IOException e) {
          throw new AssertionError(where + ": escaped " + e, e);
        }
        accepted++;
        assertNotEquals(root, back, where);
        // Strictness: anything accepted is the canonical NAR of what it decodes to.
        assertArrayEquals(bad, render(back, h.store), where);
      }
    }
    if (rejected == 0 || accepted == 0) {
      fail("seed=" + SEED + ": expected both outcomes, rejected=" + rejected
          + " accepted=" + accepted);
    }
  }
}
