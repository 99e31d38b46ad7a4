package dev.tvixstore.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.grpc.testing.InProcessStore;
import dev.tvixstore.protos.castore.Node;
import dev.tvixstore.protos.store.GetPathInfoRequest;
import dev.tvixstore.protos.store.ListPathInfoRequest;
import dev.tvixstore.protos.store.PathInfo;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Until its issue lands, PathInfoService must say UNIMPLEMENTED for every RPC. */
class PathInfoAdapterAnswersUnimplementedTest {

  private InProcessStore store;

  @BeforeEach
  void start() {
    store = InProcessStore.serveDirect(new PathInfoServiceGrpcAdapter());
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private static void assertUnimplemented(Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
  }

  @Test
  void pathInfoServiceAnswersUnimplemented() {
    var blocking = PathInfoServiceGrpc.newBlockingStub(store.channel());
    assertUnimplemented(() -> blocking.get(GetPathInfoRequest.getDefaultInstance()));
    assertUnimplemented(() -> blocking.put(PathInfo.getDefaultInstance()));
    assertUnimplemented(() -> blocking.calculateNAR(Node.getDefaultInstance()));
    assertUnimplemented(() -> blocking.list(ListPathInfoRequest.getDefaultInstance()).hasNext());
  }
}
