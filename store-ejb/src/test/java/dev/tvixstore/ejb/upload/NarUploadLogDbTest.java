package dev.tvixstore.ejb.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.nix.NixHash;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JpaNarUploadLog} against a migrated database; subclasses choose H2 or PostgreSQL. */
abstract class NarUploadLogDbTest {

  abstract TestDatabase db();

  private NarUploadLog log;

  @BeforeEach
  void emptyTable() throws SQLException {
    try (Connection c = db().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM nar_upload");
    }
    log = new JpaNarUploadLog(db().transactions());
  }

  private static NixHash sha(String text) {
    return NixHash.sha256Of(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Node file(String contents) {
    byte[] bytes = contents.getBytes(StandardCharsets.UTF_8);
    return new FileNode(PathComponent.EMPTY, B3Digest.hash(bytes), bytes.length, true);
  }

  @Test
  void recordedUploadIsFoundByFileHashAndByNarHash() {
    NarUpload upload = new NarUpload(sha("file"), "xz", 100, sha("nar"), 1000, file("x"));
    log.record(upload);
    assertEquals(Optional.of(upload), log.findByFileSha256(sha("file")));
    assertEquals(Optional.of(upload), log.findByNarSha256(sha("nar")));
  }

  @Test
  void aNewLogOverTheSameDatabaseStillKnowsTheUpload() {
    NarUpload upload = new NarUpload(sha("f"), "none", 8, sha("f"), 8, file("y"));
    log.record(upload);
    assertEquals(
        Optional.of(upload), new JpaNarUploadLog(db().transactions()).findByNarSha256(sha("f")));
  }

  @Test
  void recordingTheSameFileAgainKeepsTheFirstRecord() {
    NarUpload first = new NarUpload(sha("file"), "zstd", 10, sha("nar"), 20, file("a"));
    log.record(first);
    log.record(new NarUpload(sha("file"), "zstd", 10, sha("nar"), 20, file("a")));
    assertEquals(Optional.of(first), log.findByFileSha256(sha("file")));
  }

  @Test
  void oneNarUnderTwoCompressionsIsFoundThroughEither() {
    NarUpload xz = new NarUpload(sha("xz"), "xz", 10, sha("nar"), 20, file("a"));
    NarUpload zst = new NarUpload(sha("zst"), "zstd", 11, sha("nar"), 20, file("a"));
    log.record(xz);
    log.record(zst);
    assertEquals(Optional.of(zst), log.findByFileSha256(sha("zst")));
    assertEquals(file("a"), log.findByNarSha256(sha("nar")).orElseThrow().root());
  }

  @Test
  void aNamedRootIsKeptUnnamed() {
    Node named = file("n").withName(PathComponent.of("some-name"));
    log.record(new NarUpload(sha("n"), "none", 5, sha("n"), 5, named));
    assertTrue(log.findByFileSha256(sha("n")).orElseThrow().root().name().isEmpty());
  }

  @Test
  void unknownHashesFindNothing() {
    assertEquals(Optional.empty(), log.findByFileSha256(sha("nothing")));
    assertEquals(Optional.empty(), log.findByNarSha256(sha("nothing")));
  }
}
