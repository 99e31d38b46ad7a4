package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code directory}: a Directory's canonical encoding under its digest, and its size
 * (DESIGN §2). Inserted with insert-if-absent SQL ({@link InsertIfAbsent}). Never leaves
 * store-ejb's services.
 */
@Entity
@Table(name = "directory")
public class DirectoryEntity {
  @Id
  @Column(name = "digest", length = 32)
  private byte[] digest;

  @Column(name = "encoded", nullable = false)
  private byte[] encoded;

  // u64 on the wire, stored as the same 64 bits.
  @Column(name = "size", nullable = false)
  private long size;

  @Column(name = "created_at", insertable = false, updatable = false)
  private Instant createdAt;

  /** For JPA. */
  protected DirectoryEntity() {}

  /** The canonical protobuf encoding. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The directory's size, as {@code DirectoryNode.size} carries it (unsigned). */
  public long size() {
    return size;
  }

  /** When the row was inserted. */
  public Instant createdAt() {
    return createdAt;
  }
}
