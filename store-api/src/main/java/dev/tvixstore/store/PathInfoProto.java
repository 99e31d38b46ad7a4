package dev.tvixstore.store;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.Node;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Converts {@link PathInfo} to and from the {@code tvix.store.v1.PathInfo} message, checking every
 * rule of DESIGN.md §3 on the way in. The wire form keeps references (20-byte digests) and their
 * names in two parallel lists, and the deriver's name without its {@code .drv} suffix (as tvix
 * does); the domain keeps whole store paths.
 */
public final class PathInfoProto {
  private static final String DRV = ".drv";

  private PathInfoProto() {}

  /** The wire message of {@code info}. */
  public static dev.tvixstore.protos.store.PathInfo toProto(PathInfo info) {
    var narinfo = dev.tvixstore.protos.store.NARInfo.newBuilder()
        .setNarSize(info.narSize())
        .setNarSha256(ByteString.copyFrom(info.narSha256().digest()));
    var message = dev.tvixstore.protos.store.PathInfo.newBuilder()
        .setNode(CastoreProto.toProto(info.node()));
    for (StorePath ref : info.references()) {
      message.addReferences(ByteString.copyFrom(ref.digest()));
      narinfo.addReferenceNames(ref.toBasename());
    }
    for (NarSignature sig : info.signatures()) {
      narinfo.addSignatures(dev.tvixstore.protos.store.NARInfo.Signature.newBuilder()
          .setName(sig.keyName()).setData(ByteString.copyFrom(sig.bytes())));
    }
    info.deriver().ifPresent(d -> narinfo.setDeriver(toProto(d)));
    info.ca().ifPresent(ca -> narinfo.setCa(dev.tvixstore.protos.store.NARInfo.CA.newBuilder()
        .setTypeValue(ca.kind().wireNumber())
        .setDigest(ByteString.copyFrom(ca.digest()))));
    return message.setNarinfo(narinfo).build();
  }

  private static dev.tvixstore.protos.store.StorePath toProto(StorePath deriver) {
    String name = deriver.name();
    return dev.tvixstore.protos.store.StorePath.newBuilder()
        .setName(name.substring(0, name.length() - DRV.length()))
        .setDigest(ByteString.copyFrom(deriver.digest()))
        .build();
  }

  /**
   * The PathInfo of a wire message.
   *
   * @throws InvalidPathInfoException naming the broken rule of DESIGN.md §3
   * @throws dev.tvixstore.castore.InvalidDirectoryException if the root node itself is invalid
   */
  public static PathInfo fromProto(dev.tvixstore.protos.store.PathInfo message) {
    if (!message.hasNode()) {
      throw new InvalidPathInfoException(Rule.MISSING_NODE, "PathInfo has no node");
    }
    if (!message.hasNarinfo()) {
      throw new InvalidPathInfoException(Rule.MISSING_NARINFO, "PathInfo has no narinfo");
    }
    Node node = CastoreProto.fromProto(message.getNode());
    StorePath storePath = parseRootName(node);
    var narinfo = message.getNarinfo();
    List<StorePath> references = references(message.getReferencesList(), narinfo.getReferenceNamesList());
    if (narinfo.getNarSha256().size() != 32) {
      throw new InvalidPathInfoException(Rule.NAR_SHA256_WRONG_LENGTH,
          "nar_sha256 must be 32 bytes, got " + narinfo.getNarSha256().size());
    }
    return new PathInfo(
        storePath,
        node,
        references,
        narinfo.getNarSize(),
        NixHash.sha256(narinfo.getNarSha256().toByteArray()),
        signatures(narinfo.getSignaturesList()),
        narinfo.hasDeriver() ? Optional.of(deriver(narinfo.getDeriver())) : Optional.empty(),
        narinfo.hasCa() ? Optional.of(ca(narinfo.getCa())) : Optional.empty());
  }

  private static StorePath parseRootName(Node node) {
    if (node.name().isEmpty()) {
      throw new InvalidPathInfoException(Rule.ROOT_NAME_NOT_STORE_PATH, "root node has no name");
    }
    try {
      return StorePath.parse(node.name().asString());
    } catch (InvalidRequestException e) {
      throw new InvalidPathInfoException(Rule.ROOT_NAME_NOT_STORE_PATH,
          "root node name " + node.name() + " is not a store path basename: " + e.getMessage(), e);
    }
  }

  private static List<StorePath> references(List<ByteString> digests, List<String> names) {
    if (digests.size() != names.size()) {
      throw new InvalidPathInfoException(Rule.REFERENCE_COUNT_MISMATCH,
          digests.size() + " references but " + names.size() + " reference_names");
    }
    List<StorePath> refs = new ArrayList<>(digests.size());
    for (int i = 0; i < digests.size(); i++) {
      byte[] digest = digests.get(i).toByteArray();
      if (digest.length != StorePath.DIGEST_LENGTH) {
        throw new InvalidPathInfoException(Rule.REFERENCE_WRONG_LENGTH,
            "references[" + i + "] is " + digest.length + " bytes, must be 20");
      }
      StorePath named;
      try {
        named = StorePath.parse(names.get(i));
      } catch (InvalidRequestException e) {
        throw new InvalidPathInfoException(Rule.REFERENCE_NAME_INVALID,
            "reference_names[" + i + "] '" + names.get(i) + "': " + e.getMessage(), e);
      }
      if (!Arrays.equals(named.digest(), digest)) {
        throw new InvalidPathInfoException(Rule.REFERENCE_NAME_MISMATCH,
            "reference_names[" + i + "] '" + names.get(i) + "' does not match references[" + i
                + "] " + HexFormat.of().formatHex(digest));
      }
      refs.add(named);
    }
    return refs;
  }

  private static List<NarSignature> signatures(
      List<dev.tvixstore.protos.store.NARInfo.Signature> wire) {
    List<NarSignature> sigs = new ArrayList<>(wire.size());
    for (int i = 0; i < wire.size(); i++) {
      try {
        sigs.add(new NarSignature(wire.get(i).getName(), wire.get(i).getData().toByteArray()));
      } catch (InvalidRequestException e) {
        throw new InvalidPathInfoException(Rule.SIGNATURE_INVALID,
            "signatures[" + i + "]: " + e.getMessage(), e);
      }
    }
    return sigs;
  }

  private static StorePath deriver(dev.tvixstore.protos.store.StorePath wire) {
    try {
      return StorePath.of(wire.getDigest().toByteArray(), wire.getName() + DRV);
    } catch (InvalidRequestException e) {
      throw new InvalidPathInfoException(Rule.DERIVER_INVALID, "deriver: " + e.getMessage(), e);
    }
  }

  private static ContentAddress ca(dev.tvixstore.protos.store.NARInfo.CA wire) {
    try {
      return ContentAddress.of(
          ContentAddressKind.ofWireNumber(wire.getTypeValue()), wire.getDigest().toByteArray());
    } catch (InvalidRequestException e) {
      throw new InvalidPathInfoException(Rule.CA_INVALID, "ca: " + e.getMessage(), e);
    }
  }
}
