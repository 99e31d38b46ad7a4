package dev.tvixstore.ejb.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-path delete and pins: referrers, closures, pinned paths. */
abstract class PathDeleterDbTest {
  @TempDir Path root;
  GcStore store;
  PathInfo base;
  PathInfo mid;
  PathInfo top;
  PathInfo other;

  abstract TestDatabase db();

  @BeforeEach
  void open() throws SQLException {
    store = GcStore.open(db(), root);
    // top -> mid -> base; base refers to itself, as many Nix paths do.
    StorePath self = StorePath.of(store.bytes(20), "base");
    base = store.path(self, store.file("r", store.bytes(100)), self);
    mid = store.path("mid", store.tree("r", Map.of("f", store.bytes(10))), base.storePath());
    top = store.path("top", store.file("r", store.bytes(50)), mid.storePath());
    other = store.path("other", store.file("r", store.bytes(60)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Set<String> stored() {
    return store.paths.list().map(p -> p.storePath().toBasename()).collect(Collectors.toSet());
  }

  @Test
  void refusesAReferencedPathAndNamesItsReferrers() {
    GcConflictException e = assertThrows(GcConflictException.class,
        () -> store.deleter().delete(base.storePath(), false));
    assertEquals(List.of(mid.storePath().toBasename()), e.paths());
    assertTrue(e.getMessage().contains(mid.storePath().toBasename()), e.getMessage());
    assertEquals(4, stored().size());
  }

  @Test
  void withReferrersDeletesTheClosureOfReferrersOnly() {
    List<String> deleted = store.deleter().delete(base.storePath(), true);
    assertEquals(base.storePath().toBasename(), deleted.getFirst());
    assertEquals(Set.of(base.storePath().toBasename(), mid.storePath().toBasename(),
        top.storePath().toBasename()), Set.copyOf(deleted));
    assertEquals(Set.of(other.storePath().toBasename()), stored());
  }

  @Test
  void aPathReferencingOnlyItselfGoesAlone() {
    assertEquals(List.of(top.storePath().toBasename()),
        store.deleter().delete(top.storePath(), false));
  }

  @Test
  void pinnedPathsAreRefusedUntilUnpinned() {
    PathDeleter d = store.deleter();
    assertTrue(d.pin(top.storePath()));
    assertFalse(d.pin(top.storePath()));
    assertEquals(List.of(top.storePath().toBasename()), d.pins());
    GcConflictException e = assertThrows(GcConflictException.class,
        () -> d.delete(base.storePath(), true));
    assertEquals(List.of(top.storePath().toBasename()), e.paths());
    assertEquals(4, stored().size());
    assertTrue(d.unpin(top.storePath()));
    assertFalse(d.unpin(top.storePath()));
    assertEquals(3, d.delete(base.storePath(), true).size());
  }

  @Test
  void unknownPathsAreNotFound() {
    StorePath unknown = StorePath.of(new byte[20], "nope");
    assertThrows(NotFoundException.class, () -> store.deleter().delete(unknown, false));
    assertThrows(NotFoundException.class, () -> store.deleter().pin(unknown));
  }
}
