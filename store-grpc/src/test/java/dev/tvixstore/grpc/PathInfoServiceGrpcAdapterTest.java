package dev.tvixstore.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.FileNode;
import dev.tvixstore.castore.blob.InMemoryBlobService;
import dev.tvixstore.castore.directory.InMemoryDirectoryService;
import dev.tvixstore.grpc.PathInfoMessages.Broken;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedPathInfoService;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.protos.store.GetPathInfoRequest;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoProto;
import dev.tvixstore.testing.VectorPaths;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PathInfoService Get and Put over the wire, spoken to with raw stubs and raw messages. */
class PathInfoServiceGrpcAdapterTest {

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

  /** A vector path with its content stored on the server. */
  private PathInfo ingested(String id) {
    return VectorPaths.ingestPathInfo(VectorPaths.byId(id), paths.blobs, paths.directories);
  }

  private static GetPathInfoRequest get(byte[] outputHash) {
    return GetPathInfoRequest.newBuilder().setByOutputHash(ByteString.copyFrom(outputHash)).build();
  }

  static Stream<Broken> brokenRules() {
    // The path's deriver, reference and signature give every rule something to break.
    PathInfo valid =
        VectorPaths.ingestPathInfo(
            VectorPaths.byId("input-addressed"),
            new InMemoryBlobService(),
            new InMemoryDirectoryService());
    return PathInfoMessages.everyRule(PathInfoProto.toProto(valid)).stream();
  }

  @ParameterizedTest
  @MethodSource("brokenRules")
  void everyBrokenRuleIsInvalidArgumentNamingItAndStoresNothing(Broken broken) {
    ingested("input-addressed"); // the content is there: only the rule can fail the put
    Status status = assertStatus(Status.Code.INVALID_ARGUMENT, () -> stub.put(broken.message()));
    assertTrue(
        status.getDescription().startsWith(broken.rule() + ": "),
        broken.rule() + " named in: " + status.getDescription());
    try (Stream<PathInfo> all = paths.list()) {
      assertEquals(0, all.count(), "nothing stored");
    }
  }

  @Test
  void putOfAPathWithoutItsContentIsInvalidArgumentNamingWhatIsMissing() {
    PathInfo info =
        VectorPaths.ingestPathInfo(
            VectorPaths.byId("regular-file"), new InMemoryBlobService(), paths.directories);
    Status status =
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> stub.put(PathInfoProto.toProto(info)));
    assertTrue(status.getDescription().startsWith("CONTENT_MISSING: "), status.getDescription());
    assertTrue(
        status.getDescription().contains(((FileNode) info.node()).digest().toHex()),
        status.getDescription());
    assertTrue(paths.get(info.storePath().digest()).isEmpty());
  }

  @Test
  void putOfOtherContentForAStoredPathIsInvalidArgumentAndKeepsTheStoredOne() {
    PathInfo info = ingested("regular-file");
    stub.put(PathInfoProto.toProto(info));
    var liar = PathInfoProto.toProto(info).toBuilder();
    liar.getNarinfoBuilder().setNarSize(info.narSize() + 8);
    Status status = assertStatus(Status.Code.INVALID_ARGUMENT, () -> stub.put(liar.build()));
    assertTrue(
        status.getDescription().startsWith("CONFLICTS_WITH_STORED: "), status.getDescription());
    assertEquals(info, paths.get(info.storePath().digest()).orElseThrow());
  }

  @Test
  void putAnswersThePathInfoAsStoredWithSignaturesMerged() {
    PathInfo signed = ingested("with-refs");
    PathInfo unsigned =
        new PathInfo(
            signed.storePath(),
            signed.node(),
            signed.references(),
            signed.narSize(),
            signed.narSha256(),
            List.of(),
            signed.deriver(),
            signed.ca());
    PathInfo other = unsigned.withSignatures(List.of(otherSignature()));
    assertEquals(PathInfoProto.toProto(unsigned), stub.put(PathInfoProto.toProto(unsigned)));
    assertEquals(PathInfoProto.toProto(signed), stub.put(PathInfoProto.toProto(signed)));
    PathInfo both = signed.withSignatures(List.of(otherSignature()));
    assertEquals(PathInfoProto.toProto(both), stub.put(PathInfoProto.toProto(other)));
    assertEquals(both, paths.get(signed.storePath().digest()).orElseThrow());
  }

  @Test
  void getAnswersTheStoredPathInfo() {
    PathInfo info = ingested("input-addressed");
    paths.put(info);
    assertEquals(PathInfoProto.toProto(info), stub.get(get(info.storePath().digest())));
  }

  @Test
  void getOfAPathNotStoredIsNotFoundNamingIt() {
    byte[] digest = ingested("tree").storePath().digest();
    Status status = assertStatus(Status.Code.NOT_FOUND, () -> stub.get(get(digest)));
    assertTrue(status.getDescription().contains(Nixbase32.encode(digest)), status.getDescription());
  }

  @Test
  void getWithAnOutputHashOfTheWrongLengthIsInvalidArgumentNamingFieldAndLength() {
    for (int length : new int[] {0, 19, 21, 32}) {
      Status status =
          assertStatus(Status.Code.INVALID_ARGUMENT, () -> stub.get(get(new byte[length])));
      assertEquals(
          "GetPathInfoRequest.by_output_hash must be 20 bytes, got " + length,
          status.getDescription());
    }
  }

  @Test
  void getWithoutByWhatIsInvalidArgument() {
    Status status =
        assertStatus(
            Status.Code.INVALID_ARGUMENT, () -> stub.get(GetPathInfoRequest.getDefaultInstance()));
    assertTrue(status.getDescription().contains("by_what"), status.getDescription());
  }

  private static NarSignature otherSignature() {
    return new NarSignature("other-cache-1", new byte[64]);
  }

  static Status assertStatus(Status.Code code, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    return e.getStatus();
  }
}
