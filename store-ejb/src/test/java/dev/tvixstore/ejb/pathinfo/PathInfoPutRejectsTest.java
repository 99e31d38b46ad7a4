package dev.tvixstore.ejb.pathinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.InvalidPathInfoException;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import dev.tvixstore.testing.VectorPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at the service, as the gRPC adapter and the binary cache will hand it over, each
 * rejected with its rule and leaving no row. Bad wire messages (basenames, reference lists,
 * lengths, missing narinfo, derivers) are rejected before they reach a service, by
 * {@code PathInfoProto} (store-api's {@code PathInfoProtoTest}); here is what only a store can
 * check.
 */
class PathInfoPutRejectsTest {
  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @TempDir Path root;
  private JpaStore store;

  @BeforeEach
  void open() throws Exception {
    store = JpaStore.open(DB, root);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** One bad call and the rule it must be rejected with (null: a plain InvalidRequest). */
  record Case(String name, Rule rule, Consumer<JpaStore> call) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static PathInfo vector(String id, JpaStore store, boolean withBlobs, boolean withDirs) {
    return VectorPaths.ingestPathInfo(VectorPaths.byId(id),
        withBlobs ? store.blobs() : new InMemoryBlobService(),
        withDirs ? store.directories() : new InMemoryDirectoryService());
  }

  private static PathInfo withNode(PathInfo info, Node node) {
    return new PathInfo(info.storePath(), node.withName(PathComponent.EMPTY), info.references(),
        info.narSize(), info.narSha256(), info.signatures(), info.deriver(), info.ca());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("blob not stored", Rule.CONTENT_MISSING,
            s -> s.paths().put(vector("regular-file", s, false, true))),
        new Case("directories not stored", Rule.CONTENT_MISSING,
            s -> s.paths().put(vector("tree", s, true, false))),
        new Case("a blob deep in the tree not stored", Rule.CONTENT_MISSING,
            s -> s.paths().put(vector("tree", s, false, true))),
        new Case("blob stored with another size", Rule.CONTENT_MISSING, s -> {
          PathInfo info = vector("regular-file", s, true, true);
          FileNode f = (FileNode) info.node();
          s.paths().put(withNode(info, new FileNode(f.name(), f.digest(), f.size() + 1, false)));
        }),
        new Case("root directory of another size", Rule.CONTENT_MISSING, s -> {
          PathInfo info = vector("tree", s, true, true);
          DirectoryNode d = (DirectoryNode) info.node();
          s.paths().put(withNode(info, new DirectoryNode(d.name(), d.digest(), d.size() + 1)));
        }),
        new Case("an unknown blob digest", Rule.CONTENT_MISSING, s -> {
          PathInfo info = vector("regular-file", s, true, true);
          FileNode f = (FileNode) info.node();
          B3Digest other = B3Digest.hash(new byte[] {1});
          s.paths().put(withNode(info, new FileNode(f.name(), other, f.size(), false)));
        }),
        new Case("other contents than stored", Rule.CONFLICTS_WITH_STORED, s -> {
          PathInfo info = s.paths().put(vector("with-refs", s, true, true));
          s.paths().put(new PathInfo(info.storePath(), info.node(), List.of(), info.narSize(),
              info.narSha256(), List.of(), info.deriver(), info.ca()));
        }),
        new Case("get by a 19-byte digest", null, s -> s.paths().get(new byte[19])),
        new Case("get by a 32-byte digest", null, s -> s.paths().get(new byte[32])),
        new Case("referrers of a 21-byte digest", null, s -> s.paths().referrers(new byte[21])),
        new Case("a NAR hash of SHA-1", null,
            s -> s.paths().findByNarSha256(new NixHash(HashAlgorithm.SHA1, new byte[20]))),
        new Case("a root named after another path", Rule.ROOT_NAME_NOT_STORE_PATH, s -> {
          PathInfo info = vector("regular-file", s, true, true);
          s.paths().put(new PathInfo(StorePath.of(new byte[20], "x"), info.node(), List.of(),
              info.narSize(), info.narSha256(), List.of(), Optional.empty(), Optional.empty()));
        }))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void isRejectedAndLeavesNoNewRow(Case c) throws Exception {
    long before = DB.count("path_info");
    var e = assertThrows(InvalidRequestException.class, () -> c.call().accept(store));
    if (c.rule() != null) {
      assertEquals(c.rule(), assertInstanceOf(InvalidPathInfoException.class, e).rule());
    }
    assertTrue(e.getMessage().length() > 20, "the message says what was wrong: " + e.getMessage());
    long expected = c.rule() == Rule.CONFLICTS_WITH_STORED ? 1 : before;
    assertEquals(expected, DB.count("path_info"));
    assertEquals(0, DB.count("nar_calculation"));
  }
}
