package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code chunk}: one chunk file, keyed by the BLAKE3 of its uncompressed bytes. Rows are
 * inserted with insert-if-absent SQL ({@link InsertIfAbsent}), never through {@code persist}, so
 * that concurrent writers of one chunk both succeed. Never leaves store-ejb's services.
 */
@Entity
@Table(name = "chunk")
public class ChunkEntity {
  @Id
  @Column(name = "digest", length = 32)
  private byte[] digest;

  @Column(name = "size", nullable = false)
  private long size;

  @Column(name = "stored_size", nullable = false)
  private long storedSize;

  // Set by the database's default; the GC grace period reads it.
  @Column(name = "created_at", insertable = false, updatable = false)
  private Instant createdAt;

  /** For JPA. */
  protected ChunkEntity() {}

  /** The chunk's uncompressed length. */
  public long size() {
    return size;
  }

  /** The chunk file's length on disk. */
  public long storedSize() {
    return storedSize;
  }

  /** When the row was inserted. */
  public Instant createdAt() {
    return createdAt;
  }
}
