package dev.tvixstore.ejb.gc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryBuilder;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.blob.FastCdc;
import dev.tvixstore.ejb.blob.FsChunkBlobService;
import dev.tvixstore.ejb.blob.JpaBlobCatalog;
import dev.tvixstore.ejb.directory.JpaDirectoryService;
import dev.tvixstore.ejb.pathinfo.JpaPathInfoService;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.NarRenderer;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The whole store on a test database with small chunks (1 KiB average, so a few KiB make a
 * multi-chunk blob), plus helpers to build paths and check the store's consistency.
 */
final class GcStore implements AutoCloseable {
  final TestDatabase db;
  final ChunkFileStore chunks;
  final FsChunkBlobService blobs;
  final JpaDirectoryService directories;
  final JpaPathInfoService paths;
  private final Random random = new Random(7);

  private GcStore(TestDatabase db, Path root) {
    this.db = db;
    FastCdc cdc = FastCdc.forAverage(1024);
    this.chunks = new ChunkFileStore(root, new ChunkFileStore.Options(3, false, cdc.maxSize()));
    this.blobs =
        FsChunkBlobService.synchronous(chunks, cdc, new JpaBlobCatalog(db.transactions()));
    this.directories = new JpaDirectoryService(db.transactions());
    this.paths = new JpaPathInfoService(db.transactions(), blobs, directories);
  }

  static GcStore open(TestDatabase db, Path root) throws SQLException {
    db.clear();
    return new GcStore(db, root);
  }

  GarbageCollector gc(Duration grace, GcHooks hooks) {
    return new GarbageCollector(db.transactions(), chunks, grace, Clock.systemUTC(), hooks);
  }

  PathDeleter deleter() {
    return new PathDeleter(db.transactions());
  }

  /** Random bytes, {@code size} long. */
  byte[] bytes(int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  B3Digest blob(byte[] content) {
    try (BlobWriter w = blobs.openWrite()) {
      w.write(content);
      return w.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FileNode file(String name, byte[] content) {
    return new FileNode(PathComponent.of(name), blob(content), content.length, false);
  }

  /** Puts {@code d} (its children stored already) and returns a node for it. */
  DirectoryNode dir(String name, Directory d) {
    try (DirectoryPutter p = directories.openPut()) {
      p.put(d);
      p.commit();
    }
    return new DirectoryNode(PathComponent.of(name), d.digest(), d.size());
  }

  /** A directory of {@code files} (name -> content), stored with their blobs. */
  DirectoryNode tree(String name, Map<String, byte[]> files) {
    DirectoryBuilder b = Directory.builder();
    new TreeMap<>(files).forEach((n, c) -> b.add(file(n, c)));
    return dir(name, b.build());
  }

  /** Stores a path named {@code name} with root {@code node} and these references. */
  PathInfo path(String name, Node node, StorePath... references) {
    return path(StorePath.of(bytes(20), name), node, references);
  }

  /** Stores path {@code sp} with root {@code node} and these references. */
  PathInfo path(StorePath sp, Node node, StorePath... references) {
    NarCalculation nar = paths.calculateNar(node);
    PathInfo info =
        new PathInfo(sp, node.withName(PathComponent.EMPTY), List.of(references), nar.narSize(),
            nar.narSha256(), List.of(), Optional.empty(), Optional.empty());
    return paths.put(info);
  }

  byte[] nar(PathInfo info) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new NarRenderer(directories, blobs).prepare(info.node()).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Whether every chunk row of this blob's has its file. */
  boolean hasAllChunkFiles(B3Digest blob) {
    return blobs.stat(blob, true).map(s -> s.chunks().isEmpty()
        ? Files.exists(chunks.pathOf(blob))
        : s.chunks().stream().allMatch(c -> Files.exists(chunks.pathOf(c.digest()))))
        .orElse(false);
  }

  /** Counts of rows and chunk files. */
  record Counts(long directories, long blobs, long chunks, long files, long uploads) {}

  Counts counts() throws SQLException {
    return new Counts(db.count("directory"), db.count("blob"), db.count("chunk"), files().size(),
        db.count("nar_upload"));
  }

  /** Every chunk file (no temp or trash files). */
  List<Path> files() {
    Path dir = chunks.chunksDir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails unless every chunk row has its file and no trash file is left. */
  void assertConsistent() throws SQLException {
    List<String> missing = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT digest FROM chunk")) {
      while (rs.next()) {
        B3Digest d = B3Digest.of(rs.getBytes(1));
        if (!Files.exists(chunks.pathOf(d))) {
          missing.add(d.toHex());
        }
      }
    }
    assertTrue(missing.isEmpty(), "chunk rows without files: " + missing);
    assertTrue(files().stream().noneMatch(f -> f.toString().endsWith(ChunkTrash.SUFFIX)),
        "trash left");
  }

  @Override
  public void close() {
    blobs.close();
  }
}
