package dev.tvixstore.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;

/**
 * Sends a server stream only as fast as the client takes it (STYLE §6): messages are pulled from a
 * {@link Source} while {@code isReady()} holds, and sending resumes from the on-ready handler. No
 * thread waits for readiness and nothing is read ahead beyond one message; the transport's own
 * buffer (its on-ready threshold plus the HTTP/2 window) bounds the rest.
 *
 * <p>gRPC runs a call's callbacks one at a time, so {@link #pump} never runs concurrently with
 * itself or with the cancel handler; the source is touched by one thread at a time.
 */
final class FlowControlledSender<T> {

  /** Where the messages come from; closed exactly once, at the end, on error or on cancel. */
  interface Source<T> extends AutoCloseable {
    /** The next message, or {@code null} at the end. */
    T next() throws Exception;

    @Override
    void close() throws IOException;
  }

  private final ServerCallStreamObserver<T> call;
  private final Source<T> source;
  private boolean finished;

  private FlowControlledSender(ServerCallStreamObserver<T> call, Source<T> source) {
    this.call = call;
    this.source = source;
  }

  /**
   * Starts sending {@code source} on {@code call}. Must run inside the service method, where gRPC
   * still accepts the handlers.
   */
  static <T> void start(ServerCallStreamObserver<T> call, Source<T> source) {
    FlowControlledSender<T> sender = new FlowControlledSender<>(call, source);
    call.setOnCancelHandler(sender::cancelled);
    call.setOnReadyHandler(sender::pump);
    sender.pump();
  }

  private void pump() {
    if (finished) {
      return;
    }
    try {
      while (call.isReady()) {
        T next = source.next();
        if (next == null) {
          // Close first: a failing close must end the call with an error, not a success.
          finish();
          call.onCompleted();
          return;
        }
        call.onNext(next);
      }
    } catch (Throwable t) {
      if (!finished) {
        finished = true;
        Calls.closeQuietly(source);
      }
      Calls.fail(call, t);
    }
  }

  private void cancelled() {
    if (!finished) {
      finished = true;
      Calls.closeQuietly(source);
    }
  }

  private void finish() throws IOException {
    finished = true;
    source.close();
  }
}
