package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code blob}: a committed blob, keyed by the BLAKE3 of its whole content; its chunks are
 * {@link BlobChunkEntity} rows. Inserted with insert-if-absent SQL ({@link InsertIfAbsent}). Never
 * leaves store-ejb's services.
 */
@Entity
@Table(name = "blob")
public class BlobEntity {
  @Id
  @Column(name = "digest", length = 32)
  private byte[] digest;

  @Column(name = "size", nullable = false)
  private long size;

  @Column(name = "created_at", insertable = false, updatable = false)
  private Instant createdAt;

  /** For JPA. */
  protected BlobEntity() {}

  /** The blob's length in bytes. */
  public long size() {
    return size;
  }

  /** When the row was inserted. */
  public Instant createdAt() {
    return createdAt;
  }
}
