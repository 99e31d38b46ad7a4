package dev.tvixstore.nix;

import static dev.tvixstore.nix.NarBytes.nar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.error.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How the reader treats its handler: partial reads, closing, large files, failures. */
class NarReaderHandlerTest {
  private static final byte[] BIG = bytes(200_000, 42);

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] twoFiles() {
    return nar().s("(", "type", "directory")
        .entry("a").s("(", "type", "regular", "executable", "", "contents").bytes(BIG).s(")", ")")
        .entry("b").file("second").s(")")
        .s(")").build();
  }

  /** A handler that answers every file with a fixed digest after reading {@code take} bytes. */
  private static class Partial implements NarHandler {
    final int take;
    final List<byte[]> seen = new ArrayList<>();
    final List<Directory> dirs = new ArrayList<>();

    Partial(int take) {
      this.take = take;
    }

    @Override
    public B3Digest file(InputStream contents, long size, boolean executable) throws IOException {
      seen.add(contents.readNBytes(take));
      contents.close();
      return B3Digest.EMPTY;
    }

    @Override
    public void directory(Directory directory) {
      dirs.add(directory);
    }
  }

  @Test
  void unreadContentsAreSkippedAndTheNextFileStartsRight() throws IOException {
    Partial h = new Partial(3);
    Node root = NarReader.read(new ByteArrayInputStream(twoFiles()), h);
    assertArrayEquals(new byte[] {BIG[0], BIG[1], BIG[2]}, h.seen.get(0));
    assertArrayEquals("sec".getBytes(), h.seen.get(1));
    Directory dir = h.dirs.get(0);
    assertEquals(new FileNode(PathComponent.of("a"), B3Digest.EMPTY, BIG.length, true),
        dir.files().get(0));
    assertEquals(DirectoryNode.of(PathComponent.EMPTY, dir), root);
  }

  @Test
  void largeFileArrivesWholeThroughSmallAndLargeReads() throws IOException {
    CapturingHandler h = new CapturingHandler();
    // A stream that hands out odd-sized pieces exercises every buffer boundary.
    InputStream trickle = new ByteArrayInputStream(twoFiles()) {
      private final Random r = new Random(1);

      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + r.nextInt(70_000)));
      }
    };
    NarReader.read(trickle, h);
    assertArrayEquals(BIG, h.store.blobs.get(B3Digest.hash(BIG)));
  }

  @Test
  void singleByteReadsSeeTheSameBytesAsBulkReads() throws IOException {
    List<byte[]> got = new ArrayList<>();
    NarReader.read(new ByteArrayInputStream(twoFiles()), new Partial(0) {
      @Override
      public B3Digest file(InputStream contents, long size, boolean executable)
          throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int b = contents.read(); b >= 0; b = contents.read()) {
          out.write(b);
        }
        got.add(out.toByteArray());
        return B3Digest.EMPTY;
      }
    });
    assertArrayEquals(BIG, got.get(0));
    assertArrayEquals("second".getBytes(), got.get(1));
  }

  @Test
  void contentsCannotBeReadAfterClose() throws IOException {
    InputStream[] kept = new InputStream[1];
    NarReader.read(new ByteArrayInputStream(nar().file("abc").build()), new Partial(0) {
      @Override
      public B3Digest file(InputStream contents, long size, boolean executable) {
        kept[0] = contents;
        return B3Digest.EMPTY;
      }
    });
    assertThrows(IOException.class, () -> kept[0].read());
  }

  @Test
  void handlerFailureEscapesUnchanged() {
    NotFoundException boom = new NotFoundException("store refused");
    NotFoundException e = assertThrows(NotFoundException.class, () -> NarReader.read(
        new ByteArrayInputStream(nar().file("abc").build()), new Partial(0) {
          @Override
          public B3Digest file(InputStream contents, long size, boolean executable) {
            throw boom;
          }
        }));
    assertEquals(boom, e);
  }

  @Test
  void truncationInsideContentsReachesTheHandlerAsInvalidNar() {
    byte[] cut = java.util.Arrays.copyOf(twoFiles(), 1000);
    InvalidNarException e = assertThrows(InvalidNarException.class,
        () -> NarReader.read(new ByteArrayInputStream(cut), new CapturingHandler()));
    assertEquals(InvalidNarException.Reason.TRUNCATED, e.reason());
    assertEquals(1000, e.offset());
  }
}
