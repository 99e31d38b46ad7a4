package dev.tvixstore.grpc;

import com.google.protobuf.ByteString;
import dev.tvixstore.protos.castore.Node;
import dev.tvixstore.protos.store.NARInfo;
import dev.tvixstore.protos.store.PathInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * PathInfo messages that break one rule of DESIGN §3 each, built as raw protos from a valid one
 * (the domain types refuse to represent them).
 */
final class PathInfoMessages {

  /** A message that breaks {@code rule}, the name the server must put first in its answer. */
  record Broken(String rule, PathInfo message) {
    @Override
    public String toString() {
      return rule;
    }
  }

  private PathInfoMessages() {}

  /**
   * One or more messages per rule that needs no store to check, derived from {@code valid}, which
   * must have a file root, a reference, a deriver and a signature.
   */
  static List<Broken> everyRule(PathInfo valid) {
    return List.of(
        broken("MISSING_NODE", valid, m -> m.clearNode()),
        broken("MISSING_NARINFO", valid, m -> m.clearNarinfo()),
        broken("ROOT_NAME_NOT_STORE_PATH", valid, m -> m.setNode(fileNamed(m, "not-a-store-path"))),
        broken("ROOT_NAME_NOT_STORE_PATH", valid, m -> m.setNode(fileNamed(m, ""))),
        broken(
            "ROOT_NAME_NOT_STORE_PATH",
            valid,
            m -> m.setNode(fileNamed(m, "00000000000000000000000000000000-.dotted"))),
        broken("DIGEST_WRONG_LENGTH", valid, m -> m.setNode(fileWithDigest(m, 31))),
        broken("NODE_UNSET", valid, m -> m.setNode(Node.getDefaultInstance())),
        broken(
            "REFERENCE_COUNT_MISMATCH",
            valid,
            m -> m.addReferences(ByteString.copyFrom(new byte[20]))),
        broken(
            "REFERENCE_COUNT_MISMATCH", valid, m -> m.setNarinfo(narinfo(m).clearReferenceNames())),
        broken(
            "REFERENCE_WRONG_LENGTH",
            valid,
            m -> m.setReferences(0, m.getReferences(0).substring(1))),
        broken(
            "REFERENCE_NAME_INVALID",
            valid,
            m -> m.setNarinfo(narinfo(m).setReferenceNames(0, "not a store path"))),
        broken(
            "REFERENCE_NAME_MISMATCH",
            valid,
            m -> m.setReferences(0, ByteString.copyFrom(new byte[20]))),
        broken(
            "NAR_SHA256_WRONG_LENGTH",
            valid,
            m -> m.setNarinfo(narinfo(m).setNarSha256(ByteString.copyFrom(new byte[31])))),
        broken("NAR_SHA256_WRONG_LENGTH", valid, m -> m.setNarinfo(narinfo(m).clearNarSha256())),
        broken("NAR_SIZE_INVALID", valid, m -> m.setNarinfo(narinfo(m).setNarSize(0))),
        broken(
            "DERIVER_INVALID",
            valid,
            m ->
                m.setNarinfo(
                    narinfo(m)
                        .setDeriver(
                            m.getNarinfo().getDeriver().toBuilder()
                                .setDigest(ByteString.copyFrom(new byte[19]))))),
        broken(
            "DERIVER_INVALID",
            valid,
            m ->
                m.setNarinfo(
                    narinfo(m).setDeriver(m.getNarinfo().getDeriver().toBuilder().setName("a/b")))),
        broken(
            "CA_INVALID",
            valid,
            m ->
                m.setNarinfo(
                    narinfo(m)
                        .setCa(
                            NARInfo.CA
                                .newBuilder()
                                .setType(NARInfo.CA.Hash.NAR_SHA256)
                                .setDigest(ByteString.copyFrom(new byte[5]))))),
        broken(
            "SIGNATURE_INVALID",
            valid,
            m ->
                m.setNarinfo(
                    narinfo(m)
                        .setSignatures(
                            0,
                            m.getNarinfo().getSignatures(0).toBuilder()
                                .setData(ByteString.copyFrom(new byte[63]))))));
  }

  private static Broken broken(
      String rule, PathInfo valid, UnaryOperator<PathInfo.Builder> breakIt) {
    return new Broken(rule, breakIt.apply(valid.toBuilder()).build());
  }

  private static NARInfo.Builder narinfo(PathInfo.Builder m) {
    return m.getNarinfo().toBuilder();
  }

  private static Node fileNamed(PathInfo.Builder m, String name) {
    return Node.newBuilder()
        .setFile(
            m.getNode().getFile().toBuilder()
                .setName(ByteString.copyFrom(name, StandardCharsets.UTF_8)))
        .build();
  }

  private static Node fileWithDigest(PathInfo.Builder m, int length) {
    return Node.newBuilder()
        .setFile(m.getNode().getFile().toBuilder().setDigest(ByteString.copyFrom(new byte[length])))
        .build();
  }
}
