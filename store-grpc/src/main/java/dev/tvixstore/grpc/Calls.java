package dev.tvixstore.grpc;

import dev.tvixstore.grpc.status.GrpcStatusMapper;
import io.grpc.stub.StreamObserver;

/** How every handler ends a failed call: through the one mapping, never with a raw exception. */
final class Calls {

  private Calls() {}

  /**
   * Ends the call with the status for {@code failure} (DESIGN §4). If the call is already over
   * (cancelled, or closed by a racing path), there is no one left to tell and nothing is thrown.
   */
  static void fail(StreamObserver<?> response, Throwable failure) {
    try {
      response.onError(GrpcStatusMapper.toStatusException(failure));
    } catch (RuntimeException alreadyOver) {
      // The call was cancelled or closed meanwhile; the failure was logged by the mapper.
    }
  }

  /** Closes {@code resource}, ignoring failures: used when the call has already failed. */
  static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception ignored) {
      // The call's own failure is what the client is told; a second one adds nothing.
    }
  }

  /** A request observer for a call that already failed: later messages are dropped. */
  static <T> StreamObserver<T> ignoring() {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
