package dev.tvixstore.web.it;

import com.google.protobuf.ByteString;
import dev.tvixstore.protos.castore.Directory;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.PutDirectoryResponse;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** DirectoryService.Put as a tvix client sends it: one stream, leaves first. */
final class DirectoryPuts {

  private DirectoryPuts() {}

  /**
   * Sends {@code stream} and half-closes.
   *
   * @return the root digest the server answered
   * @throws StatusRuntimeException with the server's status when it rejected the stream
   */
  static ByteString put(Channel channel, List<Directory> stream) {
    CompletableFuture<PutDirectoryResponse> response = new CompletableFuture<>();
    StreamObserver<Directory> requests =
        DirectoryServiceGrpc.newStub(channel)
            .withDeadlineAfter(1, TimeUnit.MINUTES)
            .put(
                new StreamObserver<>() {
                  @Override
                  public void onNext(PutDirectoryResponse value) {
                    response.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    response.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    response.completeExceptionally(
                        new IllegalStateException("Put ended without a root digest"));
                  }
                });
    // Messages after the server rejected the stream are dropped by gRPC, which is what we want.
    stream.forEach(requests::onNext);
    requests.onCompleted();
    try {
      return response.get(1, TimeUnit.MINUTES).getRootDigest();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no Put response in a minute", e);
    }
  }
}
