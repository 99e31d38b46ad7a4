package dev.tvixstore.grpc;

import static dev.tvixstore.testing.DirectoryFixtures.A;
import static dev.tvixstore.testing.DirectoryFixtures.B;
import static dev.tvixstore.testing.DirectoryFixtures.D;
import static dev.tvixstore.testing.DirectoryFixtures.WITH_FILES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedDirectoryService;
import dev.tvixstore.grpc.testing.RawCalls;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.GetDirectoryRequest;
import dev.tvixstore.protos.castore.PutDirectoryResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DirectoryService over the wire, spoken to with raw stubs and raw message bytes. */
class DirectoryServiceGrpcAdapterTest {

  private final InstrumentedDirectoryService directories = new InstrumentedDirectoryService();
  private InProcessStore store;

  private void serve(DirectoryPutLimits limits) {
    store = InProcessStore.serve(new DirectoryServiceGrpcAdapter(directories, limits));
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private RawCalls.Outcome<PutDirectoryResponse> put(List<byte[]> messages) {
    return RawCalls.clientStream(
        response ->
            ClientCalls.asyncClientStreamingCall(
                store.channel().newCall(RawDirectoryPutBinding.PUT, CallOptions.DEFAULT), response),
        messages);
  }

  private static List<byte[]> encoded(Directory... closure) {
    return Arrays.stream(closure).map(Directory::encode).toList();
  }

  private static GetDirectoryRequest get(B3Digest digest, boolean recursive) {
    return GetDirectoryRequest.newBuilder()
        .setDigest(ProtoConvert.bytes(digest))
        .setRecursive(recursive)
        .build();
  }

  private List<Directory> getAll(GetDirectoryRequest request) {
    List<Directory> got = new ArrayList<>();
    DirectoryServiceGrpc.newBlockingStub(store.channel())
        .get(request)
        .forEachRemaining(m -> got.add(ProtoConvert.directory(m)));
    return got;
  }

  /** One message (or stream) per rule of DESIGN §2, each after a valid leaf. */
  static List<RuleCase> brokenRules() {
    return List.of(
        RuleCase.directory("EMPTY_NAME", Messages.files(Messages.file(""))),
        RuleCase.directory("NAME_TOO_LONG", Messages.files(Messages.file("n".repeat(256)))),
        RuleCase.directory("NAME_CONTAINS_SLASH", Messages.files(Messages.file("a/b"))),
        RuleCase.directory("NAME_CONTAINS_NUL", Messages.files(Messages.file("a\0b"))),
        RuleCase.directory("NAME_DOT", Messages.files(Messages.file("."))),
        RuleCase.directory("NAME_DOTDOT", Messages.files(Messages.file(".."))),
        RuleCase.directory(
            "NAMES_NOT_SORTED", Messages.files(Messages.file("b"), Messages.file("a"))),
        RuleCase.directory(
            "DUPLICATE_NAME", Messages.files(Messages.file("a"), Messages.file("a"))),
        RuleCase.directory("DUPLICATE_NAME", Messages.fileAndSymlinkNamed("a")),
        RuleCase.directory("DIGEST_WRONG_LENGTH", Messages.files(Messages.fileWithDigest(31))),
        RuleCase.directory("SYMLINK_TARGET_EMPTY", Messages.symlink(new byte[0])),
        RuleCase.directory("SYMLINK_TARGET_TOO_LONG", Messages.symlink(new byte[4096])),
        RuleCase.directory("SYMLINK_TARGET_CONTAINS_NUL", Messages.symlink(new byte[] {'a', 0})),
        RuleCase.directory("SIZE_OVERFLOW", Messages.childrenOverflowingSize()),
        RuleCase.directory("UNKNOWN_FIELDS", Messages.withUnknownField()),
        RuleCase.directory("MALFORMED_PROTO", new byte[] {0x0a, 0x05, 0x01}),
        RuleCase.directory("NOT_CANONICAL", Messages.symlinkBeforeFile()),
        new RuleCase("DANGLING_CHILD", encoded(WITH_FILES, B)),
        new RuleCase("CHILD_SIZE_MISMATCH", encoded(WITH_FILES, A, sizeLiar())),
        new RuleCase("UNCONNECTED", encoded(A, WITH_FILES, B)),
        new RuleCase("EMPTY_CLOSURE", List.of()));
  }

  @ParameterizedTest
  @MethodSource("brokenRules")
  void everyBrokenRuleIsInvalidArgumentNamingItAndStoresNothing(RuleCase broken) {
    serve(DirectoryPutLimits.DEFAULT);
    Status status = put(broken.messages()).status();
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
    assertTrue(
        status.getDescription().startsWith(broken.rule() + ": "),
        broken.rule() + " named in: " + status.getDescription());
    assertTrue(directories.get(WITH_FILES.digest()).isEmpty(), "nothing stored");
    assertTrue(directories.get(A.digest()).isEmpty(), "nothing stored");
  }

  @Test
  void putStoresTheClosureAndAnswersTheRoot() {
    serve(DirectoryPutLimits.DEFAULT);
    PutDirectoryResponse answer = put(encoded(A, B, A, D)).orFail();
    assertEquals(ProtoConvert.bytes(D.digest()), answer.getRootDigest());
    assertEquals(List.of(D, A, B), getAll(get(D.digest(), true)));
    assertEquals(List.of(B), getAll(get(B.digest(), false)));
  }

  @Test
  void putOverTheDirectoryLimitIsResourceExhaustedAndStoresNothing() {
    serve(new DirectoryPutLimits(2, 1 << 20));
    Status status = put(encoded(A, B, D)).status();
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
    assertTrue(status.getDescription().contains("more than 2 directories"));
    assertTrue(directories.get(A.digest()).isEmpty());
  }

  @Test
  void putOverTheByteLimitIsResourceExhaustedAndStoresNothing() {
    int withFiles = WITH_FILES.encode().length;
    serve(new DirectoryPutLimits(100, withFiles + 10));
    Status status = put(encoded(WITH_FILES, WITH_FILES)).status();
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
    assertTrue(status.getDescription().contains("bytes of directories"));
    assertTrue(directories.get(WITH_FILES.digest()).isEmpty());
  }

  @Test
  void cancelledPutStoresNothing() throws Exception {
    serve(DirectoryPutLimits.DEFAULT);
    var requests =
        ClientCalls.asyncClientStreamingCall(
            store.channel().newCall(RawDirectoryPutBinding.PUT, CallOptions.DEFAULT),
            RawCalls.<PutDirectoryResponse>completing(new CompletableFuture<>()));
    requests.onNext(A.encode());
    requests.onError(new IllegalStateException("client gives up"));
    assertTrue(directories.putterDiscarded.await(10, TimeUnit.SECONDS));
    assertTrue(directories.get(A.digest()).isEmpty());
  }

  @Test
  void getOfAnUnknownRootIsNotFound() {
    serve(DirectoryPutLimits.DEFAULT);
    assertStatus(Status.Code.NOT_FOUND, () -> getAll(get(D.digest(), false)));
    // tvix answers an empty stream here; DESIGN §2 wants us explicit.
    assertStatus(Status.Code.NOT_FOUND, () -> getAll(get(D.digest(), true)));
  }

  @Test
  void getWithoutOrWithABadDigestIsInvalidArgument() {
    serve(DirectoryPutLimits.DEFAULT);
    Status none =
        assertStatus(
            Status.Code.INVALID_ARGUMENT,
            () -> getAll(GetDirectoryRequest.newBuilder().setRecursive(true).build()));
    assertTrue(none.getDescription().contains("by_what"), none.getDescription());
    Status shortDigest =
        assertStatus(
            Status.Code.INVALID_ARGUMENT,
            () ->
                getAll(
                    GetDirectoryRequest.newBuilder()
                        .setDigest(ByteString.copyFrom(new byte[31]))
                        .build()));
    assertEquals(
        "GetDirectoryRequest.digest must be 32 bytes, got 31", shortDigest.getDescription());
  }

  @Test
  void aDirectoryLostFromTheClosureEndsTheStreamWithDataLoss() {
    serve(DirectoryPutLimits.DEFAULT);
    put(encoded(A, B, D)).orFail();
    directories.lost.add(B.digest());
    Iterator<dev.tvixstore.protos.castore.Directory> stream =
        DirectoryServiceGrpc.newBlockingStub(store.channel()).get(get(D.digest(), true));
    assertEquals(D, ProtoConvert.directory(stream.next()));
    assertEquals(A, ProtoConvert.directory(stream.next()));
    Status status = assertStatus(Status.Code.DATA_LOSS, () -> stream.forEachRemaining(m -> {}));
    assertTrue(status.getDescription().contains(B.digest().toString()), status.getDescription());
  }

  @Test
  void cancelledRecursiveGetClosesTheClosureEarly() throws Exception {
    serve(DirectoryPutLimits.DEFAULT);
    List<Directory> chain = new ArrayList<>(List.of(A));
    for (int i = 0; i < 200; i++) {
      chain.add(
          Directory.builder()
              .add(DirectoryNode.of(PathComponent.of("d" + i), chain.get(chain.size() - 1)))
              .build());
    }
    put(encoded(chain.toArray(Directory[]::new))).orFail();
    Directory root = chain.get(chain.size() - 1);
    ClientCall<GetDirectoryRequest, dev.tvixstore.protos.castore.Directory> call =
        store.channel().newCall(DirectoryServiceGrpc.getGetMethod(), CallOptions.DEFAULT);
    var stream = ClientCalls.blockingServerStreamingCall(call, get(root.digest(), true));
    assertEquals(root, ProtoConvert.directory(stream.next()));
    call.cancel("enough", null);
    assertTrue(directories.closureClosed.await(10, TimeUnit.SECONDS));
    assertTrue(directories.pulled.get() < 201, "pulled " + directories.pulled.get());
  }

  private static Status assertStatus(Status.Code code, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    return e.getStatus();
  }

  private static Directory sizeLiar() {
    return Directory.builder()
        .add(new DirectoryNode(PathComponent.of("a"), A.digest(), A.size() + 1))
        .build();
  }

  /** A stream that breaks {@code rule}; its first message is a valid leaf. */
  record RuleCase(String rule, List<byte[]> messages) {
    static RuleCase directory(String rule, byte[] broken) {
      return new RuleCase(rule, List.of(WITH_FILES.encode(), broken));
    }

    @Override
    public String toString() {
      return rule;
    }
  }
}
