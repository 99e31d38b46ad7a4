package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code nar_calculation}: the NAR size and SHA-256 of a root node, keyed by BLAKE3 of
 * the node's unnamed canonical encoding. Inserted with insert-if-absent SQL (two calculations of
 * one root may race). Never leaves store-ejb's services.
 */
@Entity
@Table(name = "nar_calculation")
public class NarCalculationEntity {
  @Id
  @Column(name = "root_digest", length = 32)
  private byte[] rootDigest;

  @Column(name = "nar_size", nullable = false)
  private long narSize;

  @Column(name = "nar_sha256", nullable = false, length = 32)
  private byte[] narSha256;

  @Column(name = "created_at", insertable = false, updatable = false)
  private Instant createdAt;

  /** For JPA. */
  protected NarCalculationEntity() {}

  /** The NAR's length in bytes. */
  public long narSize() {
    return narSize;
  }

  /** The NAR's SHA-256 (a copy). */
  public byte[] narSha256() {
    return narSha256.clone();
  }
}
