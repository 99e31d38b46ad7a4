package dev.tvixstore.store;

import dev.tvixstore.nix.NixHash;
import java.util.List;
import java.util.Optional;

/**
 * Lookups over the stored PathInfos that tvix's {@code PathInfoService} protocol has no call for,
 * so they are not part of {@link PathInfoService} (a gRPC client of another store could not offer
 * them). The local backends implement both interfaces on the same data.
 *
 * <p>Contract (checked by {@code PathInfoIndexContract}):
 *
 * <ul>
 *   <li>{@link #findByNarSha256} finds a stored path by the SHA-256 of its NAR, as the binary
 *       cache names NARs ({@code nar/<nixbase32>.nar}, DESIGN.md §5).
 *   <li>{@link #referrers} lists the stored paths whose references include a given path: what
 *       must go before it may (garbage collection).
 * </ul>
 */
public interface PathInfoIndex {

  /**
   * A stored PathInfo whose NAR has this SHA-256. Paths with equal contents under other names
   * have equal NARs; which of them is returned is unspecified, as any renders the same NAR.
   *
   * @return the PathInfo, or empty when no stored path has this NAR hash
   * @throws dev.tvixstore.error.InvalidRequestException if the hash is not SHA-256
   */
  Optional<PathInfo> findByNarSha256(NixHash narSha256);

  /**
   * The stored paths that refer to the path with this digest (including itself, if it refers to
   * itself, as Nix paths often do), in Nix's order ({@link StorePath#compareTo}). The path itself
   * need not be stored.
   *
   * @param digest the 20-byte store path digest
   * @throws dev.tvixstore.error.InvalidRequestException if {@code digest} is not 20 bytes
   */
  List<StorePath> referrers(byte[] digest);
}
