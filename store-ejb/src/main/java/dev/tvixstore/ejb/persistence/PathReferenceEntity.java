package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A row of {@code path_reference}: the {@code idx}-th reference of a path, by digest (indexed, for
 * referrer queries) and basename. The referenced path need not be stored. Only the transaction
 * that inserted the path row inserts these, so a plain {@code persist} cannot meet a duplicate.
 * Never leaves store-ejb's services.
 */
@Entity
@Table(name = "path_reference")
@IdClass(PathReferenceEntity.Key.class)
public class PathReferenceEntity {
  @Id
  @Column(name = "path_digest", length = 20)
  private byte[] pathDigest;

  @Id
  @Column(name = "idx")
  private int idx;

  @Column(name = "ref_digest", length = 20, nullable = false)
  private byte[] refDigest;

  @Column(name = "ref_name", length = 255, nullable = false)
  private String refName;

  /** For JPA. */
  protected PathReferenceEntity() {}

  /** A new row; the arrays are copied. */
  public PathReferenceEntity(byte[] pathDigest, int idx, byte[] refDigest, String refName) {
    this.pathDigest = pathDigest.clone();
    this.idx = idx;
    this.refDigest = refDigest.clone();
    this.refName = refName;
  }

  /** The composite primary key (path digest, index); equal by content. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private byte[] pathDigest;
    private int idx;

    /** For JPA. */
    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && idx == k.idx && Arrays.equals(pathDigest, k.pathDigest);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(pathDigest) + idx;
    }
  }
}
