package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A row of {@code path_signature}: one narinfo signature of a path, by key name and bytes (the
 * whole row is the key: a path keeps every distinct signature). Inserted with insert-if-absent
 * SQL, since puts of the same path merge their signatures concurrently. Never leaves store-ejb's
 * services.
 */
@Entity
@Table(name = "path_signature")
@IdClass(PathSignatureEntity.Key.class)
public class PathSignatureEntity {
  @Id
  @Column(name = "path_digest", length = 20)
  private byte[] pathDigest;

  @Id
  @Column(name = "name", length = 256)
  private String name;

  @Id
  @Column(name = "data", length = 64)
  private byte[] data;

  /** For JPA. */
  protected PathSignatureEntity() {}

  /** The composite primary key (path digest, key name, signature bytes); equal by content. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private byte[] pathDigest;
    private String name;
    private byte[] data;

    /** For JPA. */
    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Arrays.equals(pathDigest, k.pathDigest)
          && Objects.equals(name, k.name)
          && Arrays.equals(data, k.data);
    }

    @Override
    public int hashCode() {
      return (31 * Arrays.hashCode(pathDigest) + Objects.hashCode(name)) * 31
          + Arrays.hashCode(data);
    }
  }
}
