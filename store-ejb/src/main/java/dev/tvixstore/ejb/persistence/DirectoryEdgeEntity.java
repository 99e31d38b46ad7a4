package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A row of {@code directory_edge}: a directory refers to a child directory (for the GC's mark
 * phase). Only the transaction that inserted the parent row inserts its edges, so a plain {@code
 * persist} cannot meet a duplicate. Never leaves store-ejb's services.
 */
@Entity
@Table(name = "directory_edge")
@IdClass(DirectoryEdgeEntity.Key.class)
public class DirectoryEdgeEntity {
  @Id
  @Column(name = "parent_digest", length = 32)
  private byte[] parentDigest;

  @Id
  @Column(name = "child_digest", length = 32)
  private byte[] childDigest;

  /** For JPA. */
  protected DirectoryEdgeEntity() {}

  /** A new edge; the arrays are copied. */
  public DirectoryEdgeEntity(byte[] parentDigest, byte[] childDigest) {
    this.parentDigest = parentDigest.clone();
    this.childDigest = childDigest.clone();
  }

  /** The composite primary key (parent, child); equal by content. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private byte[] parentDigest;
    private byte[] childDigest;

    /** For JPA. */
    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Arrays.equals(parentDigest, k.parentDigest)
          && Arrays.equals(childDigest, k.childDigest);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(parentDigest) + Arrays.hashCode(childDigest);
    }
  }
}
