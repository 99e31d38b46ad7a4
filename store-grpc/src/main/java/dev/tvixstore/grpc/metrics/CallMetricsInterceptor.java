package dev.tvixstore.grpc.metrics;

import io.grpc.BindableService;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Times every call of the services it wraps and reports how it ended, exactly once: refused calls
 * included when it wraps the access check, and a call the client cancels as {@code CANCELLED}.
 */
public final class CallMetricsInterceptor implements ServerInterceptor {

  private final CallRecorder recorder;
  private final LongSupplier nanoTime;

  /** Reports to {@code recorder}, timing with {@code nanoTime}. */
  public CallMetricsInterceptor(CallRecorder recorder, LongSupplier nanoTime) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** {@code service} with every call measured. */
  public BindableService measure(BindableService service) {
    return () -> ServerInterceptors.intercept(service, this);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    long start = nanoTime.getAsLong();
    String service = call.getMethodDescriptor().getServiceName();
    String method = call.getMethodDescriptor().getBareMethodName();
    AtomicBoolean reported = new AtomicBoolean();
    Consumer<Status.Code> end =
        code -> {
          if (reported.compareAndSet(false, true)) {
            recorder.callEnded(service, method, code, nanoTime.getAsLong() - start);
          }
        };
    ServerCall<Q, R> measured =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            end.accept(status.getCode());
            super.close(status, trailers);
          }
        };
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(measured, headers)) {
      @Override
      public void onCancel() {
        end.accept(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }
}
