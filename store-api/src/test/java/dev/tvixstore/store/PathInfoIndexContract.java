package dev.tvixstore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link PathInfoIndex} contract, for backends whose PathInfoService is also the index (the
 * store's own ones; a gRPC client of another store is not). Includes the whole {@link
 * PathInfoServiceContract}.
 */
public abstract class PathInfoIndexContract extends PathInfoServiceContract {

  private PathInfoIndex index() {
    return (PathInfoIndex) store.paths();
  }

  /** Puts every vector path, keyed by case id. */
  private Map<String, PathInfo> putAll() {
    Map<String, PathInfo> infos = new HashMap<>();
    for (JsonObject c : Vectors.cases()) {
      infos.put(Vectors.id(c), store.paths().put(ingest(Vectors.id(c))));
    }
    return infos;
  }

  @Test
  void findsEachPathByItsNarHash() {
    Map<String, PathInfo> infos = putAll();
    for (JsonObject c : Vectors.cases()) {
      NixHash hash = NixHash.parseUnprefixed(
          c.get("nar_sha256_nixbase32").getAsString(), HashAlgorithm.SHA256);
      assertEquals(infos.get(Vectors.id(c)), index().findByNarSha256(hash).orElseThrow());
    }
  }

  @Test
  void anUnknownNarHashIsEmpty() {
    putAll();
    assertTrue(index().findByNarSha256(NixHash.sha256(new byte[32])).isEmpty());
  }

  @Test
  void aNarHashOtherThanSha256IsRejected() {
    NixHash sha1 = new NixHash(HashAlgorithm.SHA1, new byte[20]);
    assertThrows(InvalidRequestException.class, () -> index().findByNarSha256(sha1));
  }

  @Test
  void pathsWithTheSameContentsShareTheirNarHash() {
    PathInfo info = store.paths().put(ingest("regular-file"));
    byte[] digest = info.storePath().digest();
    digest[0] ^= 1;
    PathInfo copy = store.paths().put(new PathInfo(StorePath.of(digest, "copy.txt"),
        info.node().withName(PathComponent.EMPTY), List.of(), info.narSize(), info.narSha256(),
        List.of(), info.deriver(), info.ca()));
    PathInfo found = index().findByNarSha256(info.narSha256()).orElseThrow();
    assertTrue(Set.of(info, copy).contains(found), found.toString());
  }

  @Test
  void referrersAreTheStoredPathsReferringToAPath() {
    Map<String, PathInfo> infos = putAll();
    StorePath regular = infos.get("regular-file").storePath();
    StorePath exec = infos.get("executable-file").storePath();
    StorePath withRefs = infos.get("with-refs").storePath();
    StorePath inputAddressed = infos.get("input-addressed").storePath();
    assertEquals(List.of(withRefs, inputAddressed).stream().sorted().toList(),
        index().referrers(regular.digest()));
    assertEquals(List.of(withRefs), index().referrers(exec.digest()));
    assertEquals(List.of(), index().referrers(withRefs.digest()));
  }

  @Test
  void aPathNotStoredHasReferrersToo() {
    PathInfo withRefs = store.paths().put(ingest("with-refs"));
    for (StorePath ref : withRefs.references()) {
      assertTrue(store.paths().get(ref.digest()).isEmpty());
      assertEquals(List.of(withRefs.storePath()), index().referrers(ref.digest()));
    }
  }

  @Test
  void referrersOfADigestOfTheWrongLengthAreRejected() {
    assertThrows(InvalidRequestException.class, () -> index().referrers(new byte[19]));
    assertThrows(InvalidRequestException.class, () -> index().referrers(new byte[32]));
  }
}
