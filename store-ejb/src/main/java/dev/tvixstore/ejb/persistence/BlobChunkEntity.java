package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A row of {@code blob_chunk}: the {@code idx}-th chunk of a blob and where it starts. Only the
 * transaction that inserted the blob row inserts these, so a plain {@code persist} cannot meet a
 * duplicate. Never leaves store-ejb's services.
 */
@Entity
@Table(name = "blob_chunk")
@IdClass(BlobChunkEntity.Key.class)
public class BlobChunkEntity {
  @Id
  @Column(name = "blob_digest", length = 32)
  private byte[] blobDigest;

  @Id
  @Column(name = "idx")
  private int idx;

  @Column(name = "chunk_digest", length = 32, nullable = false)
  private byte[] chunkDigest;

  @Column(name = "chunk_offset", nullable = false)
  private long chunkOffset;

  /** For JPA. */
  protected BlobChunkEntity() {}

  /** A new row; the arrays are copied. */
  public BlobChunkEntity(byte[] blobDigest, int idx, byte[] chunkDigest, long chunkOffset) {
    this.blobDigest = blobDigest.clone();
    this.idx = idx;
    this.chunkDigest = chunkDigest.clone();
    this.chunkOffset = chunkOffset;
  }

  /** The composite primary key (blob digest, index); equal by content. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private byte[] blobDigest;
    private int idx;

    /** For JPA. */
    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && idx == k.idx && Arrays.equals(blobDigest, k.blobDigest);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(blobDigest) + idx;
    }
  }
}
