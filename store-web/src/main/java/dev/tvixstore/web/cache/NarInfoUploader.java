package dev.tvixstore.web.cache;

import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.ejb.upload.NarUpload;
import dev.tvixstore.ejb.upload.NarUploadLog;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.HashAlgorithm;
import dev.tvixstore.nix.NarInfo;
import dev.tvixstore.store.ContentAddress;
import dev.tvixstore.store.ContentAddressKind.Method;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoIndex;
import dev.tvixstore.store.PathInfoService;
import dev.tvixstore.store.StorePath;
import dev.tvixstore.store.StorePathComputation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes in a narinfo as {@code nix copy --to http://…} PUTs it after the NAR (DESIGN §5): parses
 * it, finds the castore root of the NAR it names (an upload recorded by {@link NarUploader}, or a
 * path already stored with the same NAR), checks that the NAR's hash and size match and that a
 * content address really gives the path, and stores the PathInfo with the narinfo's references,
 * deriver, content address and signatures.
 */
public final class NarInfoUploader {
  private final NarUploadLog uploads;
  private final PathInfoIndex index;
  private final PathInfoService paths;

  /**
   * An uploader finding NARs in {@code uploads} or {@code index} and storing into {@code paths}.
   */
  public NarInfoUploader(NarUploadLog uploads, PathInfoIndex index, PathInfoService paths) {
    this.uploads = Objects.requireNonNull(uploads, "uploads");
    this.index = Objects.requireNonNull(index, "index");
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  /**
   * Stores the path the narinfo {@code text} describes.
   *
   * @param hashPart the 32-character hash the narinfo was PUT under
   * @return the PathInfo as stored (signatures of earlier uploads merged in)
   * @throws InvalidRequestException if the text is not a valid narinfo, names another path than
   *     {@code hashPart}, names a NAR that was never uploaded or has another size, or has a content
   *     address that does not give its path (400)
   * @throws dev.tvixstore.store.InvalidPathInfoException if the store refuses it (for example a
   *     path stored before with other contents)
   */
  public PathInfo put(String hashPart, String text) {
    NarInfo info = NarInfo.parse(text);
    StorePath path = info.storePath();
    if (!path.hashPart().equals(hashPart)) {
      throw new InvalidRequestException(
          "the narinfo describes " + path.toBasename() + ", not " + hashPart);
    }
    Node root = uploadedRoot(info);
    info.ca().ifPresent(ca -> checkContentAddress(info, ca));
    return paths.put(
        new PathInfo(
            path,
            root,
            info.references(),
            info.narSize(),
            info.narHash(),
            info.signatures(),
            info.deriver(),
            info.ca()));
  }

  /** The root of the NAR the narinfo names, which must have been uploaded or already be stored. */
  private Node uploadedRoot(NarInfo info) {
    Optional<NarUpload> upload = uploads.findByNarSha256(info.narHash());
    if (upload.isPresent()) {
      requireSize(info, upload.get().narSize());
      return upload.get().root();
    }
    Optional<PathInfo> stored = index.findByNarSha256(info.narHash());
    if (stored.isPresent()) {
      requireSize(info, stored.get().narSize());
      // The stored path may have another name: the new PathInfo names the root itself.
      return stored.get().node().withName(PathComponent.EMPTY);
    }
    throw new InvalidRequestException(
        "no NAR with NarHash " + info.narHash() + " has been uploaded; PUT it first");
  }

  private static void requireSize(NarInfo info, long actual) {
    if (actual != info.narSize()) {
      throw new InvalidRequestException(
          "NarSize is " + info.narSize() + " but the NAR with that hash has " + actual + " bytes");
    }
  }

  /**
   * Nix trusts a content-addressed path without a signature when its address gives its name; as we
   * sign what we serve, we check that here instead, and for a NAR address also the hash.
   */
  private static void checkContentAddress(NarInfo info, ContentAddress ca) {
    StorePath path = info.storePath();
    List<StorePath> others = new ArrayList<>(info.references());
    boolean self = others.remove(path);
    StorePath computed = StorePathComputation.compute(ca, path.name(), others, self);
    if (!computed.equals(path)) {
      throw new InvalidRequestException(
          "CA " + ca.render() + " gives " + computed.toBasename() + ", not " + path.toBasename());
    }
    if (ca.method() == Method.NAR
        && ca.hash().algorithm() == HashAlgorithm.SHA256
        && !ca.hash().equals(info.narHash())) {
      throw new InvalidRequestException("CA " + ca.render() + " is not the NarHash");
    }
  }
}
