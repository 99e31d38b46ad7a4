package dev.tvixstore.ejb.pathinfo;

import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.blob.FastCdc;
import dev.tvixstore.ejb.blob.FsChunkBlobService;
import dev.tvixstore.ejb.blob.JpaBlobCatalog;
import dev.tvixstore.ejb.directory.JpaDirectoryService;
import dev.tvixstore.ejb.persistence.TestDatabase;
import dev.tvixstore.ejb.persistence.Transactions;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The whole store as the server builds it, on a test database: chunks under {@code root} (fsync
 * off), catalog, directories and PathInfos in the database. Clears the database first.
 */
record JpaStore(
    ChunkFileStore chunks,
    FsChunkBlobService blobs,
    JpaDirectoryService directories,
    JpaPathInfoService paths)
    implements AutoCloseable {

  /** A store with the default chunk size. */
  static JpaStore open(TestDatabase db, Path root) throws SQLException {
    return open(db, root, FastCdc.forAverage(FastCdc.DEFAULT_AVERAGE), db.transactions());
  }

  /** A store cutting chunks with {@code cdc}, its PathInfos using {@code transactions}. */
  static JpaStore open(TestDatabase db, Path root, FastCdc cdc, Transactions transactions)
      throws SQLException {
    db.clear();
    ChunkFileStore chunks =
        new ChunkFileStore(root, new ChunkFileStore.Options(3, false, cdc.maxSize()));
    FsChunkBlobService blobs =
        FsChunkBlobService.synchronous(chunks, cdc, new JpaBlobCatalog(db.transactions()));
    JpaDirectoryService directories = new JpaDirectoryService(db.transactions());
    return new JpaStore(chunks, blobs, directories,
        new JpaPathInfoService(transactions, blobs, directories));
  }

  @Override
  public void close() {
    blobs.close();
  }
}
