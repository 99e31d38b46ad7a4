package dev.tvixstore.web.admin.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.SymlinkNode;
import dev.tvixstore.castore.SymlinkTarget;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.ejb.pathinfo.PathClosure;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.nix.SigningKey;
import dev.tvixstore.store.InMemoryPathInfoService;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PathDetailPresenterTest {
  private final InMemoryBlobService blobs = new InMemoryBlobService();
  private final InMemoryDirectoryService directories = new InMemoryDirectoryService();
  private final InMemoryPathInfoService paths = new InMemoryPathInfoService(blobs, directories);
  private final SigningKey key = SigningKey.generate("test-1", new SecureRandom());
  private final List<String> deletes = new java.util.ArrayList<>();
  private PathDetailPresenter presenter;
  private B3Digest deep;
  private StorePath app;
  private StorePath lib;

  private B3Digest blob(String content) throws IOException {
    try (BlobWriter w = blobs.openWrite()) {
      w.write(content.getBytes(StandardCharsets.UTF_8));
      return w.commit();
    }
  }

  private static StorePath path(int seed, String name) {
    byte[] d = new byte[20];
    d[0] = (byte) seed;
    return StorePath.of(d, name);
  }

  @BeforeEach
  void store() throws IOException {
    deep = blob("deep content\n");
    Directory c = Directory.builder()
        .add(new FileNode(PathComponent.of("deep.txt"), deep, 13, false)).build();
    B3Digest cDigest = directories.put(c);
    Directory root = Directory.builder()
        .add(new DirectoryNode(PathComponent.of("c"), cDigest, c.size()))
        .add(new FileNode(PathComponent.of("run"), blob("#!/bin/sh\n"), 10, true))
        .add(new SymlinkNode(PathComponent.of("link"), SymlinkTarget.of("c/deep.txt")))
        .build();
    B3Digest rootDigest = directories.put(root);
    lib = path(1, "lib");
    app = path(2, "app");
    Node libNode = new FileNode(PathComponent.EMPTY, blob("lib"), 3, false);
    paths.put(new PathInfo(lib, libNode, List.of(lib), 200, NixHash.sha256(new byte[32]),
        List.of(), Optional.empty(), Optional.empty()));
    paths.put(new PathInfo(app, new DirectoryNode(PathComponent.EMPTY, rootDigest, root.size()),
        List.of(lib), 1000, NixHash.sha256(new byte[32]), List.of(), Optional.empty(),
        Optional.empty()));
    PathDetailPresenter.Facts facts = new PathDetailPresenter.Facts() {
      @Override
      public Optional<Instant> createdAt(StorePath p) {
        return Optional.of(Instant.parse("2026-05-01T00:00:00Z"));
      }

      @Override
      public PathClosure closure(StorePath p) {
        return new PathClosure(p.equals(app) ? 2 : 1, 1200, 0);
      }
    };
    PathDetailPresenter.Deleter deleter = (p, with) -> {
      if (p.equals(lib) && !with) {
        throw new InvalidRequestException(lib.toBasename() + " is referenced by other paths");
      }
      deletes.add(p.toBasename() + (with ? " +referrers" : ""));
      return List.of(p.toBasename());
    };
    presenter = new PathDetailPresenter(paths, paths, facts, directories, blobs,
        () -> List.of(key), deleter, Runnable::run);
  }

  @Test
  void loadsTheNarinfoAsServedWithReferrersButNotItself() {
    PathDetail d = presenter.load(lib.hashPart()).orElseThrow();
    assertEquals(lib, d.path());
    assertEquals(List.of(app), d.referrers());
    assertTrue(d.narInfo().startsWith("StorePath: " + lib.toAbsolutePath() + "\n"), d.narInfo());
    assertTrue(d.narInfo().contains("\nSig: test-1:"), d.narInfo());
    assertEquals(lib.hashPart() + ".narinfo", d.narInfoUrl());
    assertEquals("nar/" + NixHash.sha256(new byte[32]).toNixbase32() + ".nar", d.narUrl());
    assertEquals(Optional.of(Instant.parse("2026-05-01T00:00:00Z")), d.createdAt());
  }

  @Test
  void anUnknownHashIsEmptyAndAMalformedOneIsRefused() {
    assertTrue(presenter.load(path(9, "x").hashPart()).isEmpty());
    assertThrows(InvalidRequestException.class, () -> presenter.load("short"));
    assertThrows(InvalidRequestException.class, () -> presenter.load("e".repeat(32)));
  }

  @Test
  void browsesTheTreeOneDirectoryAtATime() {
    PathInfo info = presenter.load(app.hashPart()).orElseThrow().info();
    List<TreeEntry> top = presenter.list(info, List.of());
    assertEquals(List.of("c", "link", "run"), top.stream().map(TreeEntry::name).toList());
    assertEquals("directory, 1 entry below", top.get(0).description());
    assertEquals("→ c/deep.txt", top.get(1).description());
    assertEquals("10 bytes, executable", top.get(2).description());
    List<TreeEntry> c = presenter.list(info, List.of("c"));
    assertEquals(List.of(new TreeEntry("deep.txt", TreeEntry.Kind.FILE, 13, false, "",
        Optional.of(deep))), c);
    assertThrows(InvalidRequestException.class, () -> presenter.list(info, List.of("run")));
  }

  @Test
  void aRootThatIsAFileListsItself() {
    PathInfo info = presenter.load(lib.hashPart()).orElseThrow().info();
    List<TreeEntry> one = presenter.list(info, List.of());
    assertEquals(1, one.size());
    assertEquals(lib.toBasename(), one.getFirst().name());
    assertThrows(InvalidRequestException.class, () -> presenter.list(info, List.of("x")));
  }

  @Test
  void opensAFileAsAStream() throws IOException {
    try (BlobReader r = presenter.open(deep).orElseThrow()) {
      assertEquals(13, r.size());
      assertArrayEquals("deep content\n".getBytes(StandardCharsets.UTF_8), r.readAllBytes());
    }
  }

  @Test
  void closureAndDeleteRunOnTheExecutorAndCarryTheReason() {
    assertEquals(new PathClosure(2, 1200, 0), presenter.closure(app).join());
    assertEquals(List.of(app.toBasename()), presenter.delete(app, false).join());
    CompletionException refused =
        assertThrows(CompletionException.class, () -> presenter.delete(lib, false).join());
    assertTrue(refused.getCause().getMessage().contains("referenced by other paths"));
    presenter.delete(lib, true).join();
    assertEquals(List.of(app.toBasename(), lib.toBasename() + " +referrers"), deletes);
  }
}
