package dev.tvixstore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.InvalidDirectoryException;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.testing.Vectors;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.protos.store.NARInfo;
import dev.tvixstore.store.InvalidPathInfoException.Rule;
import dev.tvixstore.testing.VectorPaths;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PathInfoProtoTest {
  private static PathInfo vector(String id) {
    return VectorPaths.ingestPathInfo(
        VectorPaths.byId(id), new InMemoryBlobService(), new InMemoryDirectoryService());
  }

  static Stream<String> caseIds() {
    return Vectors.cases().stream().map(Vectors::id);
  }

  @ParameterizedTest
  @MethodSource("caseIds")
  void everyVectorPathRoundTripsThroughTheWireForm(String id) {
    PathInfo info = vector(id);
    var wire = PathInfoProto.toProto(info);
    assertEquals(info, PathInfoProto.fromProto(wire));
    assertEquals(info.references().size(), wire.getReferencesCount());
    assertEquals(info.references().size(), wire.getNarinfo().getReferenceNamesCount());
  }

  @Test
  void deriverTravelsWithoutItsDrvSuffix() {
    PathInfo info = vector("input-addressed");
    var wire = PathInfoProto.toProto(info);
    String name = info.deriver().orElseThrow().name();
    assertEquals(name.substring(0, name.length() - 4), wire.getNarinfo().getDeriver().getName());
  }

  @Test
  void contentAddressUsesTheWireEnum() {
    assertEquals(NARInfo.CA.Hash.TEXT_SHA256,
        PathInfoProto.toProto(vector("with-refs")).getNarinfo().getCa().getType());
    assertEquals(NARInfo.CA.Hash.FLAT_SHA256,
        PathInfoProto.toProto(vector("fixed-flat")).getNarinfo().getCa().getType());
    assertEquals(NARInfo.CA.Hash.NAR_SHA256,
        PathInfoProto.toProto(vector("tree")).getNarinfo().getCa().getType());
  }

  private static Rule rejection(UnaryOperator<dev.tvixstore.protos.store.PathInfo.Builder> breakIt) {
    var valid = PathInfoProto.toProto(vector("with-refs")).toBuilder();
    var e = assertThrows(InvalidPathInfoException.class,
        () -> PathInfoProto.fromProto(breakIt.apply(valid).build()));
    return e.rule();
  }

  @Test
  void missingNodeIsRejected() {
    assertEquals(Rule.MISSING_NODE, rejection(b -> b.clearNode()));
  }

  @Test
  void missingNarinfoIsRejected() {
    assertEquals(Rule.MISSING_NARINFO, rejection(b -> b.clearNarinfo()));
  }

  @Test
  void rootNamedOtherThanAStorePathIsRejected() {
    assertEquals(Rule.ROOT_NAME_NOT_STORE_PATH, rejection(b -> b.setNode(CastoreProto.toProto(
        vector("with-refs").node().withName(PathComponent.of("not-a-store-path"))))));
    assertEquals(Rule.ROOT_NAME_NOT_STORE_PATH, rejection(b -> b.setNode(CastoreProto.toProto(
        vector("with-refs").node().withName(PathComponent.EMPTY)))));
  }

  @Test
  void invalidRootNodeIsRejectedWithItsCastoreRule() {
    var valid = PathInfoProto.toProto(vector("with-refs")).toBuilder();
    valid.getNodeBuilder().getFileBuilder().setDigest(ByteString.copyFrom(new byte[31]));
    var e = assertThrows(InvalidDirectoryException.class, () -> PathInfoProto.fromProto(valid.build()));
    assertEquals(InvalidDirectoryException.Rule.DIGEST_WRONG_LENGTH, e.rule());
  }

  @Test
  void referenceOfWrongLengthIsRejected() {
    assertEquals(Rule.REFERENCE_WRONG_LENGTH,
        rejection(b -> b.setReferences(0, ByteString.copyFrom(new byte[32]))));
  }

  @Test
  void referencesAndNamesOfDifferentCountAreRejected() {
    assertEquals(Rule.REFERENCE_COUNT_MISMATCH,
        rejection(b -> b.addReferences(ByteString.copyFrom(new byte[20]))));
    assertEquals(Rule.REFERENCE_COUNT_MISMATCH,
        rejection(b -> {
          var names = java.util.List.copyOf(b.getNarinfoBuilder().getReferenceNamesList());
          b.getNarinfoBuilder().clearReferenceNames().addAllReferenceNames(names.subList(1, names.size()));
          return b;
        }));
  }

  @Test
  void referenceNameThatIsNoStorePathIsRejected() {
    assertEquals(Rule.REFERENCE_NAME_INVALID,
        rejection(b -> { b.getNarinfoBuilder().setReferenceNames(0, "nonsense"); return b; }));
  }

  @Test
  void referenceNameOfAnotherDigestIsRejected() {
    assertEquals(Rule.REFERENCE_NAME_MISMATCH, rejection(b -> {
      var names = b.getNarinfoBuilder();
      String first = names.getReferenceNames(0);
      names.setReferenceNames(0, names.getReferenceNames(1));
      names.setReferenceNames(1, first);
      return b;
    }));
  }

  @Test
  void narHashOfWrongLengthIsRejected() {
    assertEquals(Rule.NAR_SHA256_WRONG_LENGTH, rejection(b -> {
      b.getNarinfoBuilder().setNarSha256(ByteString.copyFrom(new byte[20]));
      return b;
    }));
  }

  @Test
  void zeroNarSizeIsRejected() {
    assertEquals(Rule.NAR_SIZE_INVALID,
        rejection(b -> { b.getNarinfoBuilder().setNarSize(0); return b; }));
  }

  @Test
  void deriverThatDoesNotParseIsRejected() {
    assertEquals(Rule.DERIVER_INVALID, rejection(b -> {
      b.getNarinfoBuilder().setDeriver(dev.tvixstore.protos.store.StorePath.newBuilder()
          .setName("bad name!").setDigest(ByteString.copyFrom(new byte[20])));
      return b;
    }));
    assertEquals(Rule.DERIVER_INVALID, rejection(b -> {
      b.getNarinfoBuilder().setDeriver(dev.tvixstore.protos.store.StorePath.newBuilder()
          .setName("foo").setDigest(ByteString.copyFrom(new byte[19])));
      return b;
    }));
  }

  @Test
  void contentAddressWithWrongDigestLengthIsRejected() {
    assertEquals(Rule.CA_INVALID, rejection(b -> {
      b.getNarinfoBuilder().getCaBuilder().setDigest(ByteString.copyFrom(new byte[5]));
      return b;
    }));
  }

  @Test
  void contentAddressOfUnknownTypeIsRejected() {
    assertEquals(Rule.CA_INVALID, rejection(b -> {
      b.getNarinfoBuilder().getCaBuilder().setTypeValue(99);
      return b;
    }));
  }

  @Test
  void signatureOfWrongLengthIsRejected() {
    assertEquals(Rule.SIGNATURE_INVALID, rejection(b -> {
      b.getNarinfoBuilder().addSignatures(
          NARInfo.Signature.newBuilder().setName("k").setData(ByteString.copyFrom(new byte[63])));
      return b;
    }));
  }
}
