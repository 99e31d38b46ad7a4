package dev.tvixstore.store;

import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import java.util.Objects;

/**
 * The size and SHA-256 of the NAR a castore node renders to ({@code CalculateNAR}).
 *
 * @param narSize the NAR's length in bytes
 * @param narSha256 the NAR's SHA-256
 */
public record NarCalculation(long narSize, NixHash narSha256) {
  /** Checks the hash algorithm and size. */
  public NarCalculation {
    Objects.requireNonNull(narSha256, "narSha256");
    if (narSha256.algorithm() != HashAlgorithm.SHA256 || narSize <= 0) {
      throw new IllegalArgumentException("NAR calculation needs SHA-256 and a positive size");
    }
  }
}
