package dev.tvixstore.store;

import dev.tvixstore.castore.Node;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Maps Nix store paths to castore roots, with their narinfo data (DESIGN.md §3).
 *
 * <p>Contract (checked by {@code PathInfoServiceContract} for every backend):
 *
 * <ul>
 *   <li>{@link #put} accepts only a PathInfo whose root node's directories and blobs are all
 *       stored; it is idempotent for an identical PathInfo, and merges the signatures of a second
 *       put of the same contents. A put of other contents for a path already stored is rejected.
 *   <li>The NAR size and SHA-256 are taken as given (as tvix does); callers that accept them
 *       from untrusted clients compare them with {@link #calculateNar} (the binary cache upload
 *       will, against the NAR it ingested).
 *   <li>Lookups are by the 20-byte digest of the store path.
 * </ul>
 */
public interface PathInfoService {

  /**
   * The PathInfo of the store path with this digest.
   *
   * @param digest the 20-byte store path digest (the nixbase32-decoded hash part)
   * @return the PathInfo, or empty when the path is not stored
   * @throws dev.tvixstore.error.InvalidRequestException if {@code digest} is not 20 bytes
   */
  Optional<PathInfo> get(byte[] digest);

  /**
   * Stores a PathInfo.
   *
   * @return the PathInfo as stored now (with the signatures of earlier puts merged in)
   * @throws InvalidPathInfoException {@link InvalidPathInfoException.Rule#CONTENT_MISSING} naming
   *     what is not stored, or {@link InvalidPathInfoException.Rule#CONFLICTS_WITH_STORED}
   */
  PathInfo put(PathInfo info);

  /**
   * Every stored PathInfo, in no particular order, read lazily (backends page through their
   * storage). The caller closes the stream.
   */
  Stream<PathInfo> list();

  /**
   * The size and SHA-256 of the NAR {@code root} renders to (its name is ignored). Cached per root.
   *
   * @throws dev.tvixstore.error.NotFoundException if a directory or blob of the tree is not stored
   */
  NarCalculation calculateNar(Node root);
}
