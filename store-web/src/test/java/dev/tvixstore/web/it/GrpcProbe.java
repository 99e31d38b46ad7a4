package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.GetDirectoryRequest;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.protos.store.GetPathInfoRequest;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a gRPC client sees of a running store; shared by the Arquillian and launcher ITs. */
final class GrpcProbe {

  private GrpcProbe() {}

  static void assertServing(Channel channel, List<String> services) {
    var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    assertEquals(
        ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    for (String service : services) {
      assertEquals(
          ServingStatus.SERVING,
          health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus(),
          service);
    }
  }

  /** Reflection v1: list_services names them, file_containing_symbol yields their files. */
  static void assertReflection(Channel channel, List<String> services) throws Exception {
    ReflectionSession session = new ReflectionSession(channel);
    try {
      List<String> listed =
          session.ask(ServerReflectionRequest.newBuilder().setListServices("").build())
              .getListServicesResponse().getServiceList().stream()
              .map(ServiceResponse::getName)
              .toList();
      assertTrue(listed.containsAll(services), listed.toString());
      for (String service : services) {
        ServerReflectionResponse r =
            session.ask(
                ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build());
        assertTrue(
            definesService(r.getFileDescriptorResponse().getFileDescriptorProtoList(), service),
            service + " not in the returned descriptors");
      }
    } finally {
      session.close();
    }
  }

  /**
   * The three services answer from the deployed backends: the empty blob exists, an unknown
   * directory and an unknown store path are NOT_FOUND.
   */
  static void assertServedByTheBackends(Channel channel) {
    BlobServiceGrpc.newBlockingStub(channel)
        .stat(
            StatBlobRequest.newBuilder()
                .setDigest(ByteString.copyFrom(B3Digest.EMPTY.toBytes()))
                .build());
    StatusRuntimeException directory =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                DirectoryServiceGrpc.newBlockingStub(channel)
                    .get(
                        GetDirectoryRequest.newBuilder()
                            .setDigest(ByteString.copyFrom(new byte[32]))
                            .build())
                    .hasNext());
    assertEquals(Status.Code.NOT_FOUND, directory.getStatus().getCode());
    StatusRuntimeException path =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                PathInfoServiceGrpc.newBlockingStub(channel)
                    .get(
                        GetPathInfoRequest.newBuilder()
                            .setByOutputHash(ByteString.copyFrom(new byte[20]))
                            .build()));
    assertEquals(Status.Code.NOT_FOUND, path.getStatus().getCode());
  }

  private static boolean definesService(List<ByteString> files, String fullName)
      throws InvalidProtocolBufferException {
    for (ByteString bytes : files) {
      FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
      for (var service : file.getServiceList()) {
        if ((file.getPackage() + "." + service.getName()).equals(fullName)) {
          return true;
        }
      }
    }
    return false;
  }

  /** One bidirectional reflection stream, asked one question at a time. */
  private static final class ReflectionSession {
    private final LinkedBlockingQueue<ServerReflectionResponse> answers =
        new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> failed = new CompletableFuture<>();
    private final StreamObserver<ServerReflectionRequest> requests;
    private final List<Throwable> errors = new ArrayList<>();

    ReflectionSession(Channel channel) {
      requests =
          ServerReflectionGrpc.newStub(channel)
              .serverReflectionInfo(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                      answers.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                      synchronized (errors) {
                        errors.add(t);
                      }
                      failed.complete(null);
                    }

                    @Override
                    public void onCompleted() {}
                  });
    }

    ServerReflectionResponse ask(ServerReflectionRequest request) throws InterruptedException {
      requests.onNext(request);
      ServerReflectionResponse r = answers.poll(10, TimeUnit.SECONDS);
      synchronized (errors) {
        if (!errors.isEmpty()) {
          throw new AssertionError("reflection failed", errors.getFirst());
        }
      }
      if (r == null) {
        throw new AssertionError("no reflection answer within 10 s to " + request);
      }
      if (r.hasErrorResponse()) {
        throw new AssertionError("reflection error: " + r.getErrorResponse());
      }
      return r;
    }

    void close() {
      if (!failed.isDone()) {
        requests.onCompleted();
      }
    }
  }
}
