package dev.tvixstore.castore.directory;

import static dev.tvixstore.testing.DirectoryFixtures.A;
import static dev.tvixstore.testing.DirectoryFixtures.B;
import static dev.tvixstore.testing.DirectoryFixtures.C;
import static dev.tvixstore.testing.DirectoryFixtures.D;
import static dev.tvixstore.testing.DirectoryFixtures.WITH_FILES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.directory.InvalidClosureException.Rule;
import dev.tvixstore.testing.DirectoryFixtures;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link DirectoryService} contract. Every backend extends this class and supplies a fresh,
 * empty instance; see STYLE.md §4.
 */
public abstract class DirectoryServiceContract {
  /** The service under test, fresh for each test. */
  protected DirectoryService service;

  /** Returns a new, empty backend instance. */
  protected abstract DirectoryService newService() throws Exception;

  @BeforeEach
  void createService() throws Exception {
    service = newService();
  }

  private List<Directory> closure(B3Digest root) {
    try (Stream<Directory> s = service.getRecursive(root)) {
      return s.toList();
    }
  }

  private B3Digest putAll(Directory... closure) {
    try (DirectoryPutter putter = service.openPut()) {
      for (Directory d : closure) {
        putter.put(d);
      }
      return putter.commit();
    }
  }

  private InvalidClosureException rejectedPut(Directory... closure) {
    return assertThrows(InvalidClosureException.class, () -> putAll(closure));
  }

  @Test
  void unknownDigestIsEmptyAndHasEmptyClosure() {
    assertTrue(service.get(D.digest()).isEmpty());
    assertEquals(List.of(), closure(D.digest()));
  }

  @Test
  void putThenGetReturnsSameDirectory() {
    assertEquals(WITH_FILES.digest(), service.put(WITH_FILES));
    assertEquals(Optional.of(WITH_FILES), service.get(WITH_FILES.digest()));
    assertEquals(List.of(WITH_FILES), closure(WITH_FILES.digest()));
  }

  @Test
  void emptyDirectoryCanBePutAndRead() {
    assertEquals(B3Digest.EMPTY, service.put(A));
    assertEquals(Optional.of(A), service.get(B3Digest.EMPTY));
  }

  @Test
  void closureIsReturnedRootFirstAndDeduplicated() {
    assertEquals(C.digest(), putAll(A, C));
    assertEquals(List.of(C, A), closure(C.digest()));
  }

  @Test
  void directorySentTwiceIsStoredOnce() {
    assertEquals(C.digest(), putAll(A, A, C));
    assertEquals(List.of(C, A), closure(C.digest()));
  }

  @Test
  void closureIsBreadthFirstAndEachDirectoryFollowsOneReferringToIt() {
    assertEquals(D.digest(), putAll(A, B, D));
    List<Directory> got = closure(D.digest());
    assertEquals(3, got.size());
    assertEquals(D, got.get(0));
    assertEquals(Set.of(A, B, D), new HashSet<>(got));
    // Breadth-first: A and B are both children of D, so both come straight after it.
    Set<B3Digest> sent = new HashSet<>();
    for (Directory d : got) {
      boolean referred = d == got.get(0)
          || got.stream().filter(p -> sent.contains(p.digest()))
              .anyMatch(p -> p.directories().stream().anyMatch(n -> n.digest().equals(d.digest())));
      assertTrue(referred, "directory " + d.digest() + " sent before any directory referring to it");
      sent.add(d.digest());
    }
  }

  @Test
  void subtreeOfStoredClosureIsReadable() {
    putAll(A, B, D);
    assertEquals(Optional.of(B), service.get(B.digest()));
    assertEquals(List.of(B, A), closure(B.digest()));
  }

  @Test
  void childMayPointToDirectoryStoredEarlier() {
    service.put(A);
    assertEquals(B.digest(), putAll(B));
    assertEquals(List.of(B, A), closure(B.digest()));
  }

  @Test
  void danglingChildIsRejectedAndNothingStored() {
    assertEquals(Rule.DANGLING_CHILD, rejectedPut(B).rule());
    assertTrue(service.get(B.digest()).isEmpty());
  }

  @Test
  void childWithWrongSizeIsRejectedAndNothingStored() {
    Directory liar = Directory.builder()
        .add(new DirectoryNode(PathComponent.of("keep"), B.digest(), B.size() + 42))
        .build();
    assertEquals(Rule.CHILD_SIZE_MISMATCH, rejectedPut(A, B, liar).rule());
    assertTrue(service.get(A.digest()).isEmpty(), "a rejected closure stores nothing");
    assertTrue(service.get(B.digest()).isEmpty(), "a rejected closure stores nothing");
  }

  @Test
  void directoryNotReachableFromRootIsRejectedAndNothingStored() {
    // B (-> A) is sent after C, the claimed root, and nothing refers to it.
    assertEquals(Rule.UNCONNECTED, rejectedPut(A, C, WITH_FILES).rule());
    assertTrue(service.get(C.digest()).isEmpty());
    assertTrue(service.get(WITH_FILES.digest()).isEmpty());
  }

  @Test
  void emptyClosureIsRejected() {
    assertEquals(Rule.EMPTY_CLOSURE, rejectedPut().rule());
  }

  @Test
  void closingWithoutCommitStoresNothing() {
    try (DirectoryPutter putter = service.openPut()) {
      putter.put(A);
      putter.put(B);
    }
    assertTrue(service.get(B.digest()).isEmpty());
  }

  @Test
  void putterIsUnusableAfterCommit() {
    try (DirectoryPutter putter = service.openPut()) {
      putter.put(A);
      putter.commit();
      assertThrows(IllegalStateException.class, () -> putter.put(B));
      assertThrows(IllegalStateException.class, putter::commit);
    }
  }

  @Test
  void deepChainIsReadBack() {
    Directory current = A;
    List<Directory> chain = new java.util.ArrayList<>(List.of(A));
    for (int i = 0; i < 200; i++) {
      current = Directory.builder().add(DirectoryFixtures.child("d" + i, current)).build();
      chain.add(current);
    }
    assertEquals(current.digest(), putAll(chain.toArray(Directory[]::new)));
    List<Directory> got = closure(current.digest());
    assertEquals(201, got.size());
    assertEquals(current, got.get(0));
    assertEquals(A, got.get(200));
  }
}
