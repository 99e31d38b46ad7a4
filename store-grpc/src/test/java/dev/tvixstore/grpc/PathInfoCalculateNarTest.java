package dev.tvixstore.grpc;

import static dev.tvixstore.grpc.PathInfoServiceGrpcAdapterTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.CastoreProto;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.Node;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedPathInfoService;
import dev.tvixstore.nix.NixHash;
import dev.tvixstore.protos.store.CalculateNARResponse;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.NarCalculator;
import dev.tvixstore.testing.DirectoryFixtures;
import dev.tvixstore.testing.VectorPaths;
import dev.tvixstore.testing.Vectors;
import io.grpc.Status;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CalculateNAR over the wire, against store-api's NarCalculator and what Nix computed. */
class PathInfoCalculateNarTest {

  private final InstrumentedPathInfoService paths = new InstrumentedPathInfoService();
  private InProcessStore store;
  private PathInfoServiceGrpc.PathInfoServiceBlockingStub stub;

  @BeforeEach
  void start() {
    store = InProcessStore.serve(new PathInfoServiceGrpcAdapter(paths));
    stub = PathInfoServiceGrpc.newBlockingStub(store.channel());
  }

  @AfterEach
  void stop() {
    store.close();
  }

  static Stream<String> caseIds() {
    return Vectors.cases().stream().map(Vectors::id);
  }

  @ParameterizedTest
  @MethodSource("caseIds")
  void answersWhatNarCalculatorAndNixComputed(String id) {
    JsonObject c = VectorPaths.byId(id);
    Node root = VectorPaths.ingest(c, paths.blobs, paths.directories).root();
    NarCalculation expected = new NarCalculator(paths.directories, paths.blobs).calculate(root);

    CalculateNARResponse named = stub.calculateNAR(CastoreProto.toProto(root));
    CalculateNARResponse unnamed =
        stub.calculateNAR(CastoreProto.toProto(root.withName(PathComponent.EMPTY)));

    assertEquals(expected.narSize(), named.getNarSize());
    assertEquals(
        ByteString.copyFrom(expected.narSha256().digest()), named.getNarSha256(), "nar_sha256");
    assertEquals(c.get("nar_size").getAsLong(), named.getNarSize());
    assertEquals(
        c.get("nar_sha256_nixbase32").getAsString(),
        NixHash.sha256(named.getNarSha256().toByteArray()).toNixbase32());
    assertEquals(named, unnamed, "the root's name is not part of the NAR");
  }

  @Test
  void aBlobNotStoredIsNotFound() {
    Node missing = new FileNode(PathComponent.EMPTY, B3Digest.hash(new byte[] {1, 2, 3}), 3, false);
    Status status =
        assertStatus(Status.Code.NOT_FOUND, () -> stub.calculateNAR(CastoreProto.toProto(missing)));
    assertTrue(
        status.getDescription().contains(B3Digest.hash(new byte[] {1, 2, 3}).toString()),
        status.getDescription());
  }

  @Test
  void aDirectoryNotStoredIsNotFound() {
    Node missing = DirectoryFixtures.child("x", DirectoryFixtures.D);
    Status status =
        assertStatus(Status.Code.NOT_FOUND, () -> stub.calculateNAR(CastoreProto.toProto(missing)));
    assertTrue(
        status.getDescription().contains(DirectoryFixtures.D.digest().toString()),
        status.getDescription());
  }

  @Test
  void anInvalidNodeIsInvalidArgumentNamingTheRule() {
    Status unset =
        assertStatus(
            Status.Code.INVALID_ARGUMENT,
            () -> stub.calculateNAR(dev.tvixstore.protos.castore.Node.getDefaultInstance()));
    assertTrue(unset.getDescription().startsWith("NODE_UNSET: "), unset.getDescription());

    Node directory = DirectoryFixtures.child("x", DirectoryFixtures.A);
    var shortDigest = CastoreProto.toProto(directory).toBuilder();
    shortDigest.getDirectoryBuilder().setDigest(ByteString.copyFrom(new byte[31]));
    Status status =
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> stub.calculateNAR(shortDigest.build()));
    assertTrue(
        status.getDescription().startsWith("DIGEST_WRONG_LENGTH: "), status.getDescription());
  }
}
