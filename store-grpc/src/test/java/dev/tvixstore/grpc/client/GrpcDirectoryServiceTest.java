package dev.tvixstore.grpc.client;

import static dev.tvixstore.testing.DirectoryFixtures.A;
import static dev.tvixstore.testing.DirectoryFixtures.B;
import static dev.tvixstore.testing.DirectoryFixtures.C;
import static dev.tvixstore.testing.DirectoryFixtures.D;
import static dev.tvixstore.testing.DirectoryFixtures.WITH_FILES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.castore.PathComponent;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.grpc.DirectoryServiceGrpcAdapter;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.grpc.testing.InstrumentedDirectoryService;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.GetDirectoryRequest;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the directory client treats what a remote store sends, and how it ends calls early. */
class GrpcDirectoryServiceTest {

  private InProcessStore store;

  private GrpcDirectoryService client(BindableService server) {
    if (store != null) {
      store.close(); // some tests try several servers in turn
    }
    store = InProcessStore.serve(server);
    return new GrpcDirectoryService(store.channel());
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private static List<Directory> closure(DirectoryService service, B3Digest root) {
    try (Stream<Directory> s = service.getRecursive(root)) {
      return s.toList();
    }
  }

  @Test
  void aClosureOutOfOrderIsDataLoss() {
    assertEquals(List.of(D, B, A), closure(client(sending(D, B, A)), D.digest()));
    assertDataLoss(client(sending(A, D)), D.digest(), "before any refers to it");
    assertDataLoss(client(sending(D, A, B, A)), D.digest(), "sent twice");
    assertDataLoss(client(sending(D, A)), D.digest(), "ended without");
    assertDataLoss(client(sending(C, A, WITH_FILES)), C.digest(), "before any refers to it");
  }

  @Test
  void aDirectoryWithAnotherDigestIsDataLoss() {
    GrpcDirectoryService directories = client(sending(B));
    DataLossException e = assertThrows(DataLossException.class, () -> directories.get(D.digest()));
    assertTrue(e.getMessage().contains("sent directory " + B.digest()), e.getMessage());
  }

  @Test
  void anEmptyAnswerForAnUnknownRootIsAnEmptyClosure() {
    // tvix's server answers an unknown root with an empty stream rather than NOT_FOUND.
    assertEquals(List.of(), closure(client(sending()), D.digest()));
  }

  @Test
  void closingAClosureEarlyCancelsTheCall() throws Exception {
    InstrumentedDirectoryService backend = new InstrumentedDirectoryService();
    GrpcDirectoryService directories = client(new DirectoryServiceGrpcAdapter(backend));
    Directory root = A;
    try (DirectoryPutter putter = directories.openPut()) {
      putter.put(A);
      for (int i = 0; i < 200; i++) {
        root = Directory.builder().add(DirectoryNode.of(PathComponent.of("d" + i), root)).build();
        putter.put(root);
      }
      putter.commit();
    }
    try (Stream<Directory> s = directories.getRecursive(root.digest())) {
      assertEquals(root, s.findFirst().orElseThrow());
    }
    assertTrue(backend.closureClosed.await(10, TimeUnit.SECONDS));
    assertTrue(backend.pulled.get() < 201, "pulled " + backend.pulled.get());
  }

  @Test
  void closingAPutterWithoutCommitCancelsThePut() throws Exception {
    InstrumentedDirectoryService backend = new InstrumentedDirectoryService();
    GrpcDirectoryService directories = client(new DirectoryServiceGrpcAdapter(backend));
    try (DirectoryPutter putter = directories.openPut()) {
      putter.put(A);
      putter.put(B);
    }
    assertTrue(backend.putterDiscarded.await(10, TimeUnit.SECONDS));
    assertTrue(directories.get(B.digest()).isEmpty());
  }

  private static void assertDataLoss(DirectoryService service, B3Digest root, String why) {
    DataLossException e = assertThrows(DataLossException.class, () -> closure(service, root));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  /** A server that answers every Get with exactly these directories, in this order. */
  private static BindableService sending(Directory... answer) {
    List<dev.tvixstore.protos.castore.Directory> messages = new ArrayList<>();
    for (Directory d : answer) {
      messages.add(ProtoConvert.toProto(d));
    }
    return new DirectoryServiceGrpc.DirectoryServiceImplBase() {
      @Override
      public void get(
          GetDirectoryRequest request,
          StreamObserver<dev.tvixstore.protos.castore.Directory> response) {
        messages.forEach(response::onNext);
        response.onCompleted();
      }
    };
  }
}
