package dev.tvixstore.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code path_info}: a store path (digest and name), its root node's canonical encoding
 * without the name, its NAR size and SHA-256, deriver basename and content address text.
 * Inserted with insert-if-absent SQL ({@link InsertIfAbsent}) and read by column queries, so it
 * has no accessors. Never leaves store-ejb's services.
 */
@Entity
@Table(name = "path_info")
public class PathInfoEntity {
  @Id
  @Column(name = "digest", length = 20)
  private byte[] digest;

  @Column(name = "name", nullable = false, length = 211)
  private String name;

  @Column(name = "root_node", nullable = false)
  private byte[] rootNode;

  @Column(name = "nar_size", nullable = false)
  private long narSize;

  @Column(name = "nar_sha256", nullable = false, length = 32)
  private byte[] narSha256;

  @Column(name = "deriver", length = 255)
  private String deriver;

  @Column(name = "ca", length = 255)
  private String ca;

  @Column(name = "created_at", insertable = false, updatable = false)
  private Instant createdAt;

  /** For JPA. */
  protected PathInfoEntity() {}
}
