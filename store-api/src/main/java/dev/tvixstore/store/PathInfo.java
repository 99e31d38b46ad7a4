package dev.tvixstore.store;

import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NarInfo;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A store path mapped to its castore root, with what is needed to render its NAR and narinfo
 * (DESIGN.md §3). Immutable and always valid; references and signatures are kept as sets in Nix's
 * order (sorted, no duplicates).
 *
 * @param storePath the path; the root node carries its basename as name
 * @param node the castore root of the path's contents
 * @param references the store paths its contents refer to
 * @param narSize size of the path's NAR
 * @param narSha256 SHA-256 of the path's NAR
 * @param signatures narinfo signatures of its fingerprint
 * @param deriver the derivation ({@code .drv}) that built it, if known
 * @param ca its content address, if content-addressed
 */
public record PathInfo(
    StorePath storePath,
    Node node,
    List<StorePath> references,
    long narSize,
    NixHash narSha256,
    List<NarSignature> signatures,
    Optional<StorePath> deriver,
    Optional<ContentAddress> ca) {

  /**
   * Validates and normalises. An unnamed root node is given the store path's basename.
   *
   * @throws InvalidPathInfoException if the root node is named other than the store path, the
   *     deriver is not a {@code .drv}, the NAR hash is not SHA-256, or the NAR size is not positive
   */
  public PathInfo {
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(narSha256, "narSha256");
    Objects.requireNonNull(deriver, "deriver");
    Objects.requireNonNull(ca, "ca");
    PathComponent basename = PathComponent.of(storePath.toBasename());
    if (node.name().isEmpty()) {
      node = node.withName(basename);
    } else if (!node.name().equals(basename)) {
      throw new InvalidPathInfoException(Rule.ROOT_NAME_NOT_STORE_PATH,
          "root node is named " + node.name() + ", store path is " + storePath.toBasename());
    }
    deriver.ifPresent(d -> {
      if (!d.name().endsWith(".drv")) { // tvix's wire form drops the suffix: it must be there
        throw new InvalidPathInfoException(Rule.DERIVER_INVALID,
            "deriver " + d.toBasename() + " is not a .drv store path");
      }
    });
    if (narSha256.algorithm() != HashAlgorithm.SHA256) {
      throw new InvalidPathInfoException(Rule.NAR_SHA256_WRONG_LENGTH,
          "NAR hash must be SHA-256, got " + narSha256.algorithm());
    }
    if (narSize <= 0) {
      // Sizes arrive as unsigned 64-bit (protobuf uint64): print them that way.
      throw new InvalidPathInfoException(
          Rule.NAR_SIZE_INVALID, "NAR size " + Long.toUnsignedString(narSize));
    }
    references = List.copyOf(new TreeSet<>(references));
    signatures = List.copyOf(new TreeSet<>(signatures));
  }

  /** The signature fingerprint of this path (DESIGN.md §3). */
  public String fingerprint() {
    return NarInfo.fingerprint(storePath, narSha256, narSize, references);
  }

  /** The narinfo this store serves for the path: uncompressed NAR, with the stored signatures. */
  public NarInfo toNarInfo() {
    NarInfo info = NarInfo.ofUncompressed(storePath, narSha256, narSize, references, deriver, ca);
    for (NarSignature s : signatures) {
      info = info.withSignature(s);
    }
    return info;
  }

  /** A copy that also carries {@code more} signatures (each kept once). */
  public PathInfo withSignatures(List<NarSignature> more) {
    List<NarSignature> all = new ArrayList<>(signatures);
    all.addAll(more);
    return new PathInfo(storePath, node, references, narSize, narSha256, all, deriver, ca);
  }

  /**
   * Whether {@code other} describes the same contents of the same path: everything equal except
   * signatures. Two such PathInfos may be merged; two that differ otherwise conflict.
   */
  public boolean sameContentAs(PathInfo other) {
    return storePath.equals(other.storePath)
        && node.equals(other.node)
        && references.equals(other.references)
        && narSize == other.narSize
        && narSha256.equals(other.narSha256)
        && deriver.equals(other.deriver)
        && ca.equals(other.ca);
  }
}
