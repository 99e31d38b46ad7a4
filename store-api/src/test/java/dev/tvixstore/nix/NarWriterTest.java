package dev.tvixstore.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.MapCastore;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.castore.SymlinkTarget;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Writer failures: each missing or inconsistent piece gives its own error. */
class NarWriterTest {
  private static final PathComponent A = PathComponent.of("a");
  private final MapCastore store = new MapCastore();

  private byte[] write(Node root) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new NarWriter(store, store).write(root, out);
    return out.toByteArray();
  }

  private DirectoryNode dirHolding(Node child) {
    return store.putDirectory(PathComponent.EMPTY, Directory.builder().add(child).build());
  }

  @Test
  void fileRootRendersLikeNix() throws IOException {
    B3Digest d = store.putBlob("hello".getBytes());
    byte[] expected = NarBytes.nar().s("(", "type", "regular", "executable", "", "contents",
        "hello", ")").build();
    assertArrayEquals(expected, write(new FileNode(PathComponent.EMPTY, d, 5, true)));
  }

  @Test
  void entriesOfAllKindsAreMergedByName() throws IOException {
    B3Digest d = store.putBlob("x".getBytes());
    DirectoryNode sub = store.putDirectory(PathComponent.of("b"), Directory.EMPTY);
    DirectoryNode root = store.putDirectory(PathComponent.EMPTY, Directory.of(List.of(sub),
        List.of(new FileNode(PathComponent.of("c"), d, 1, false)),
        List.of(new SymlinkNode(A, SymlinkTarget.of("b")))));
    byte[] expected = NarBytes.nar().s("(", "type", "directory")
        .entry("a").s("(", "type", "symlink", "target", "b", ")", ")")
        .entry("b").s("(", "type", "directory", ")", ")")
        .entry("c").file("x").s(")")
        .s(")").build();
    assertArrayEquals(expected, write(root));
  }

  @Test
  void missingBlobIsNotFound() {
    FileNode f = new FileNode(A, B3Digest.hash(new byte[] {9}), 1, false);
    assertThrows(NotFoundException.class, () -> write(dirHolding(f)));
  }

  @Test
  void emptyFileNeedsNoBlob() throws IOException {
    write(new FileNode(A, B3Digest.EMPTY, 0, false));
  }

  @Test
  void blobShorterOrLongerThanItsNodeIsDataLoss() {
    B3Digest d = store.putBlob("four".getBytes());
    assertThrows(DataLossException.class, () -> write(new FileNode(A, d, 5, false)));
    assertThrows(DataLossException.class, () -> write(new FileNode(A, d, 3, false)));
  }

  @Test
  void missingDirectoryIsNotFound() {
    DirectoryNode ghost = new DirectoryNode(A, B3Digest.hash(new byte[] {1}), 0);
    assertThrows(NotFoundException.class, () -> write(ghost));
    assertThrows(NotFoundException.class, () -> NarLayout.of(ghost, store));
  }

  @Test
  void rootSizeMismatchIsTheCallersErrorChildMismatchIsDataLoss() {
    Directory one = Directory.builder().add(new SymlinkNode(A, SymlinkTarget.of("t"))).build();
    store.putDirectory(A, one);
    DirectoryNode wrongRoot = new DirectoryNode(PathComponent.EMPTY, one.digest(), 7);
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> write(wrongRoot));
    assertEquals(InvalidRequestException.class, e.getClass());
    DirectoryNode parent = dirHolding(new DirectoryNode(A, one.digest(), 7));
    assertThrows(DataLossException.class, () -> write(parent));
  }

  @Test
  void lookupAnsweringWithAnotherDirectoryIsDataLoss() {
    Directory one = Directory.builder().add(new SymlinkNode(A, SymlinkTarget.of("t"))).build();
    NarWriter liar = new NarWriter(d -> Optional.of(one), d -> Optional.empty());
    DirectoryNode asked = new DirectoryNode(A, B3Digest.EMPTY, 1);
    assertThrows(DataLossException.class, () -> liar.write(asked, new ByteArrayOutputStream()));
  }

  @Test
  void layoutNeverOpensABlob() {
    B3Digest d = store.putBlob("abc".getBytes());
    DirectoryNode root = dirHolding(new FileNode(A, d, 3, false));
    store.blobs.clear();
    NarLayout layout = NarLayout.of(root, store);
    assertEquals(1, layout.files().size());
    assertEquals(3, layout.files().get(0).length());
  }

  @Test
  void writtenNarReadsBackToTheSameRoot() throws IOException {
    B3Digest d = store.putBlob(new byte[100_000]);
    DirectoryNode root = dirHolding(new FileNode(A, d, 100_000, true));
    Node back = NarReader.read(new ByteArrayInputStream(write(root)), new CapturingHandler());
    assertEquals(root, back);
  }

  @Test
  void rangeOpensOnlyTheBlobsItOverlapsAndSkipsIntoThem() throws IOException {
    byte[] first = "first file".getBytes();
    byte[] second = "second file!".getBytes();
    DirectoryNode root = store.putDirectory(PathComponent.EMPTY, Directory.of(List.of(), List.of(
        new FileNode(A, store.putBlob(first), first.length, false),
        new FileNode(PathComponent.of("b"), store.putBlob(second), second.length, false)),
        List.of()));
    NarLayout layout = NarLayout.of(root, store);
    NarFileSpan secondSpan = layout.files().get(1);
    List<B3Digest> opened = new java.util.ArrayList<>();
    NarWriter counting = new NarWriter(store, d -> {
      opened.add(d);
      return store.open(d);
    });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    counting.writeRange(root, out, secondSpan.offset() + 7, 5);
    assertEquals("file!", out.toString());
    assertEquals(List.of(secondSpan.digest()), opened);

    opened.clear();
    out.reset();
    counting.writeRange(root, out, 0, 24);
    assertArrayEquals(NarTokens.MAGIC, out.toByteArray());
    assertEquals(List.of(), opened);
  }

  @Test
  void rangeRejectsNegativeArguments() {
    NarWriter w = new NarWriter(store, store);
    Node f = new FileNode(A, B3Digest.EMPTY, 0, false);
    assertThrows(IllegalArgumentException.class,
        () -> w.writeRange(f, new ByteArrayOutputStream(), -1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> w.writeRange(f, new ByteArrayOutputStream(), 0, -1));
  }

  @Test
  void fileOfTwoToTheSixtyThreeBytesHasNoLayout() {
    FileNode huge = new FileNode(A, B3Digest.EMPTY, Long.MIN_VALUE, false);
    assertThrows(InvalidRequestException.class, () -> NarLayout.narSize(huge, store));
  }
}
