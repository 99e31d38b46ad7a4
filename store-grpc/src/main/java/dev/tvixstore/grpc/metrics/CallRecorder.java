package dev.tvixstore.grpc.metrics;

import io.grpc.Status;

/** Where {@link CallMetricsInterceptor} reports ended calls. Must be thread-safe and quick. */
public interface CallRecorder {

  /**
   * A call ended.
   *
   * @param service the full service name, e.g. {@code tvix.castore.v1.BlobService}
   * @param method the bare method name, e.g. {@code Put}
   * @param code how it ended
   * @param nanos from the call's start to its end
   */
  void callEnded(String service, String method, Status.Code code, long nanos);
}
