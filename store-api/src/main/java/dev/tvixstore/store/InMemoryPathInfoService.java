package dev.tvixstore.store;

import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The reference {@link PathInfoService} and {@link PathInfoIndex}: PathInfos in a concurrent map
 * keyed by the store path digest, content checked against and NARs rendered from the given
 * castore services. The index lookups scan the map.
 */
public final class InMemoryPathInfoService implements PathInfoService, PathInfoIndex {
  private final Map<StorePathDigest, PathInfo> infos = new ConcurrentHashMap<>();
  private final Map<Node, NarCalculation> narCache = new ConcurrentHashMap<>();
  private final ContentCheck contentCheck;
  private final NarCalculator calculator;

  /** A service over these castore services. */
  public InMemoryPathInfoService(BlobService blobs, DirectoryService directories) {
    this.contentCheck = new ContentCheck(directories, blobs);
    this.calculator = new NarCalculator(new NarRenderer(directories, blobs));
  }

  @Override
  public Optional<PathInfo> get(byte[] digest) {
    return Optional.ofNullable(infos.get(StorePathDigest.of(digest)));
  }

  @Override
  public PathInfo put(PathInfo info) {
    contentCheck.requireStored(info.node());
    return infos.merge(
        StorePathDigest.of(info.storePath().digest()), info, InMemoryPathInfoService::merge);
  }

  /** Same contents: signatures merged; other contents: rejected. */
  static PathInfo merge(PathInfo stored, PathInfo incoming) {
    if (!stored.sameContentAs(incoming)) {
      throw new InvalidPathInfoException(Rule.CONFLICTS_WITH_STORED,
          incoming.storePath() + " is stored with other contents (NAR " + stored.narSha256()
              + ", " + stored.narSize() + " bytes)");
    }
    return stored.withSignatures(incoming.signatures());
  }

  @Override
  public Stream<PathInfo> list() {
    return List.copyOf(infos.values()).stream();
  }

  @Override
  public NarCalculation calculateNar(Node root) {
    // computeIfAbsent would hold a map lock while a large NAR renders.
    Node unnamed = root.withName(PathComponent.EMPTY);
    NarCalculation cached = narCache.get(unnamed);
    if (cached != null) {
      return cached;
    }
    NarCalculation result = calculator.calculate(unnamed);
    narCache.putIfAbsent(unnamed, result);
    return result;
  }

  @Override
  public Optional<PathInfo> findByNarSha256(NixHash narSha256) {
    if (narSha256.algorithm() != HashAlgorithm.SHA256) {
      throw new InvalidRequestException("NAR hash must be SHA-256, got " + narSha256.algorithm());
    }
    return infos.values().stream().filter(i -> i.narSha256().equals(narSha256)).findAny();
  }

  @Override
  public List<StorePath> referrers(byte[] digest) {
    StorePathDigest.of(digest); // checks the length
    return infos.values().stream()
        .filter(i -> i.references().stream().anyMatch(r -> Arrays.equals(r.digest(), digest)))
        .map(PathInfo::storePath)
        .sorted()
        .toList();
  }

  /** A 20-byte store path digest as a map key. */
  private record StorePathDigest(String hex) {
    static StorePathDigest of(byte[] digest) {
      if (digest == null || digest.length != StorePath.DIGEST_LENGTH) {
        throw new InvalidRequestException("store path digest must be 20 bytes, got "
            + (digest == null ? "none" : digest.length));
      }
      return new StorePathDigest(HexFormat.of().formatHex(digest));
    }
  }
}
