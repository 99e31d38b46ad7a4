package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.blob.FastCdc;
import dev.tvixstore.ejb.blob.FsChunkBlobService;
import dev.tvixstore.ejb.blob.JpaBlobCatalog;
import dev.tvixstore.ejb.directory.JpaDirectoryService;
import dev.tvixstore.ejb.pathinfo.JpaPathInfoService;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The store as the server builds it, on a test database, with small chunks (16 KiB average) so
 * that a file of a megabyte is dozens of them; plus a scrub of it. Opening clears the database.
 */
record ScrubStore(
    TestDatabase db,
    Path root,
    ChunkFileStore chunks,
    FsChunkBlobService blobs,
    JpaDirectoryService directories,
    JpaPathInfoService paths,
    Quarantine quarantine,
    ScrubRunLog log)
    implements AutoCloseable {

  static ScrubStore open(TestDatabase db, Path root) throws SQLException {
    db.clear();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM scrub_damage_path");
      s.execute("DELETE FROM scrub_damage");
      s.execute("DELETE FROM scrub_run");
    }
    FastCdc cdc = FastCdc.forAverage(16 * 1024);
    ChunkFileStore chunks =
        new ChunkFileStore(root, new ChunkFileStore.Options(3, false, cdc.maxSize()));
    FsChunkBlobService blobs =
        FsChunkBlobService.synchronous(chunks, cdc, new JpaBlobCatalog(db.transactions()));
    JpaDirectoryService directories = new JpaDirectoryService(db.transactions());
    return new ScrubStore(db, root, chunks, blobs, directories,
        new JpaPathInfoService(db.transactions(), blobs, directories),
        new Quarantine(root, chunks), new ScrubRunLog(db.transactions()));
  }

  /** A scrub over this store; its chunk reader is its own, as in the server. */
  Scrub scrub() {
    return new Scrub(db.transactions(), chunks, quarantine, log, Clock.systemUTC());
  }

  /** Runs a scrub at full speed and returns its record. */
  ScrubRun scrubNow() {
    long run = log.create(0, Clock.systemUTC().instant());
    scrub().run(run, RateLimiter.of(0), () -> false);
    return log.run(run).orElseThrow();
  }

  /** Stores a blob of these bytes. */
  B3Digest putBlob(byte[] content) {
    try (BlobWriter w = blobs.openWrite()) {
      w.write(content);
      return w.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores a path whose root is a file of these bytes; its NAR facts are computed. */
  PathInfo putFilePath(String name, byte[] content, byte[] storeDigest) {
    B3Digest blob = putBlob(content);
    return putPath(StorePath.of(storeDigest, name),
        new FileNode(PathComponent.EMPTY, blob, content.length, false));
  }

  /** Stores a path with this root, its NAR facts computed from the store. */
  PathInfo putPath(StorePath path, Node root) {
    Node unnamed = root.withName(PathComponent.EMPTY);
    NarCalculation nar = paths.calculateNar(unnamed);
    return paths.put(new PathInfo(path, unnamed, List.of(), nar.narSize(), nar.narSha256(),
        List.of(), Optional.empty(), Optional.empty()));
  }

  /**
   * The chunks the NAR of {@code root} needs, worked out through the services (catalog and
   * directories), independently of the scrub's SQL.
   */
  Set<B3Digest> chunksNeeded(Node root) {
    Set<B3Digest> blobDigests = new LinkedHashSet<>();
    switch (root) {
      case FileNode f -> blobDigests.add(f.digest());
      case DirectoryNode d -> {
        try (Stream<Directory> all = directories.getRecursive(d.digest())) {
          all.forEach(dir -> dir.files().forEach(f -> blobDigests.add(f.digest())));
        }
      }
      default -> { }
    }
    Set<B3Digest> needed = new LinkedHashSet<>();
    for (B3Digest b : blobDigests) {
      BlobStat stat = blobs.stat(b, true).orElseThrow();
      stat.chunks().forEach(c -> needed.add(c.digest()));
    }
    return needed;
  }

  /** Runs SQL behind the services' backs. */
  void sql(String statement, Object... params) {
    try (Connection c = db.dataSource().getConnection();
        var s = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }

  @Override
  public void close() {
    blobs.close();
  }
}
