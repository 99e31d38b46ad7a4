package dev.tvixstore.grpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.grpc.PathInfoServiceGrpcAdapter;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedPathInfoService;
import dev.tvixstore.protos.castore.Node;
import dev.tvixstore.protos.store.CalculateNARResponse;
import dev.tvixstore.protos.store.GetPathInfoRequest;
import dev.tvixstore.protos.store.ListPathInfoRequest;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoProto;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the PathInfo client treats what a remote store sends, and how it ends listings early. */
class GrpcPathInfoServiceTest {

  private static final PathInfo ONE = InstrumentedPathInfoService.symlinkPath(1, 10);
  private static final PathInfo TWO = InstrumentedPathInfoService.symlinkPath(2, 10);

  private InProcessStore store;

  private GrpcPathInfoService client(BindableService server) {
    store = InProcessStore.serve(server);
    return new GrpcPathInfoService(store.channel());
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void aPathInfoForAnotherPathIsDataLoss() {
    GrpcPathInfoService paths = client(answering(PathInfoProto.toProto(TWO)));
    DataLossException e =
        assertThrows(DataLossException.class, () -> paths.get(ONE.storePath().digest()));
    assertTrue(e.getMessage().contains(TWO.storePath().toString()), e.getMessage());
  }

  @Test
  void anInvalidPathInfoIsDataLoss() {
    var broken = PathInfoProto.toProto(ONE).toBuilder().clearNarinfo().build();
    GrpcPathInfoService paths = client(answering(broken));
    DataLossException get =
        assertThrows(DataLossException.class, () -> paths.get(ONE.storePath().digest()));
    assertTrue(get.getMessage().contains("MISSING_NARINFO"), get.getMessage());
    try (Stream<PathInfo> all = paths.list()) {
      assertThrows(DataLossException.class, all::toList);
    }
  }

  @Test
  void aPutAnsweredWithOtherContentsIsAStorageFailure() {
    GrpcPathInfoService paths = client(answering(PathInfoProto.toProto(TWO)));
    StorageException e = assertThrows(StorageException.class, () -> paths.put(ONE));
    assertTrue(e.getMessage().contains("other contents"), e.getMessage());
  }

  @Test
  void aMalformedCalculateNarAnswerIsAStorageFailure() {
    CalculateNARResponse shortHash =
        CalculateNARResponse.newBuilder()
            .setNarSize(96)
            .setNarSha256(ByteString.copyFrom(new byte[31]))
            .build();
    StorageException e =
        assertThrows(
            StorageException.class, () -> client(calculating(shortHash)).calculateNar(ONE.node()));
    assertTrue(e.getMessage().contains("nar_sha256"), e.getMessage());
    store.close();
    CalculateNARResponse noSize =
        shortHash.toBuilder().setNarSize(0).setNarSha256(ByteString.copyFrom(new byte[32])).build();
    e =
        assertThrows(
            StorageException.class, () -> client(calculating(noSize)).calculateNar(ONE.node()));
    assertTrue(e.getMessage().contains("nar_size"), e.getMessage());
  }

  @Test
  void aListingStartsNoCallUntilItIsRead() {
    AtomicInteger listings = new AtomicInteger();
    GrpcPathInfoService paths =
        client(
            new PathInfoServiceGrpc.PathInfoServiceImplBase() {
              @Override
              public void list(
                  ListPathInfoRequest request,
                  StreamObserver<dev.tvixstore.protos.store.PathInfo> response) {
                listings.incrementAndGet();
                response.onNext(PathInfoProto.toProto(ONE));
                response.onCompleted();
              }
            });
    Stream<PathInfo> unread = paths.list();
    unread.close();
    assertEquals(0, listings.get());
    try (Stream<PathInfo> all = paths.list()) {
      assertEquals(List.of(ONE), all.toList());
    }
    assertEquals(1, listings.get());
  }

  @Test
  void closingAListingEarlyCancelsTheCall() throws Exception {
    InstrumentedPathInfoService backend = new InstrumentedPathInfoService();
    for (int i = 0; i < 2_000; i++) {
      backend.put(InstrumentedPathInfoService.symlinkPath(i, 10));
    }
    GrpcPathInfoService paths = client(new PathInfoServiceGrpcAdapter(backend));
    try (Stream<PathInfo> all = paths.list()) {
      assertTrue(all.findFirst().isPresent());
    }
    assertTrue(backend.listClosed.await(10, TimeUnit.SECONDS));
    assertTrue(backend.pulled.get() < 2_000, "pulled " + backend.pulled.get());
  }

  @Test
  void aListingThatBreaksRemotelyIsAStorageFailure() {
    InstrumentedPathInfoService backend = new InstrumentedPathInfoService();
    backend.put(ONE);
    backend.put(TWO);
    backend.failListAfter = 1;
    GrpcPathInfoService paths = client(new PathInfoServiceGrpcAdapter(backend));
    try (Stream<PathInfo> all = paths.list()) {
      StorageException e = assertThrows(StorageException.class, all::toList);
      assertTrue(e.getMessage().contains(Status.Code.INTERNAL.toString()), e.getMessage());
    }
  }

  /** A server that answers every Get, Put and List with {@code info}. */
  private static BindableService answering(dev.tvixstore.protos.store.PathInfo info) {
    return new PathInfoServiceGrpc.PathInfoServiceImplBase() {
      @Override
      public void get(
          GetPathInfoRequest request,
          StreamObserver<dev.tvixstore.protos.store.PathInfo> response) {
        response.onNext(info);
        response.onCompleted();
      }

      @Override
      public void put(
          dev.tvixstore.protos.store.PathInfo request,
          StreamObserver<dev.tvixstore.protos.store.PathInfo> response) {
        response.onNext(info);
        response.onCompleted();
      }

      @Override
      public void list(
          ListPathInfoRequest request,
          StreamObserver<dev.tvixstore.protos.store.PathInfo> response) {
        response.onNext(info);
        response.onCompleted();
      }
    };
  }

  /** A server that answers every CalculateNAR with {@code answer}. */
  private static BindableService calculating(CalculateNARResponse answer) {
    return new PathInfoServiceGrpc.PathInfoServiceImplBase() {
      @Override
      public void calculateNAR(Node request, StreamObserver<CalculateNARResponse> response) {
        response.onNext(answer);
        response.onCompleted();
      }
    };
  }
}
