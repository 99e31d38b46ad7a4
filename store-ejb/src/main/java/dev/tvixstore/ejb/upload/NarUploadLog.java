package dev.tvixstore.ejb.upload;

import dev.tvixstore.nix.NixHash;
import java.util.Optional;

/**
 * Remembers the NAR files uploaded to the binary cache, durably: a record is committed before
 * {@link #record} returns and survives a restart.
 *
 * <p>Contract: records are keyed by file hash; recording a file hash a second time keeps the first
 * record (equal files hold equal NARs, so both describe the same content). Several files (one per
 * compression) may hold the same NAR; {@link #findByNarSha256} returns any of them.
 */
public interface NarUploadLog {

  /**
   * Records an upload whose NAR has been ingested completely.
   *
   * @throws dev.tvixstore.error.StorageException if the database fails
   */
  void record(NarUpload upload);

  /** The upload of the file with this SHA-256, or empty if there was none. */
  Optional<NarUpload> findByFileSha256(NixHash fileSha256);

  /** An upload whose NAR has this SHA-256, or empty if there was none. */
  Optional<NarUpload> findByNarSha256(NixHash narSha256);
}
