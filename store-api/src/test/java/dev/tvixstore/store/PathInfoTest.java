package dev.tvixstore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathInfoTest {
  private static final StorePath PATH = StorePath.parse("ykl8ndfz01jfxgff2511vynh00rbp7ai-regular-file.txt");
  private static final FileNode FILE = new FileNode(PathComponent.EMPTY, B3Digest.EMPTY, 0, false);

  private static PathInfo withDeriver(String basename) {
    return new PathInfo(PATH, FILE, List.of(), 112, NixHash.sha256(new byte[32]), List.of(),
        Optional.of(StorePath.parse(basename)), Optional.empty());
  }

  @Test
  void unnamedRootIsNamedAfterTheStorePath() {
    assertEquals(PathComponent.of(PATH.toBasename()), withDeriver(
        "6n7s8bb5flcv2dgv6g59waysmw1gln8m-x.drv").node().name());
  }

  @Test
  void deriverMustBeADrv() {
    // Nix's narinfo parser accepts any store path here; the wire form cannot carry it (tvix
    // drops the .drv suffix), so a PathInfo refuses it instead of silently renaming it.
    assertEquals(Rule.DERIVER_INVALID,
        assertThrows(InvalidPathInfoException.class,
            () -> withDeriver("6n7s8bb5flcv2dgv6g59waysmw1gln8m-foo.txt")).rule());
  }

  @Test
  void rootNamedAfterAnotherPathIsRejected() {
    var other = FILE.withName(PathComponent.of("6n7s8bb5flcv2dgv6g59waysmw1gln8m-exec-script"));
    var e = assertThrows(InvalidPathInfoException.class, () -> new PathInfo(PATH, other, List.of(),
        112, NixHash.sha256(new byte[32]), List.of(), Optional.empty(), Optional.empty()));
    assertEquals(Rule.ROOT_NAME_NOT_STORE_PATH, e.rule());
  }

  @Test
  void narOfAFileLargerThanAnyNarIsRejectedNotMiscounted() {
    var service = new InMemoryPathInfoService(new InMemoryBlobService(), new InMemoryDirectoryService());
    var huge = new FileNode(PathComponent.EMPTY, B3Digest.EMPTY, -1L, false); // 2^64 - 1 unsigned
    assertThrows(InvalidRequestException.class, () -> service.calculateNar(huge));
  }
}
