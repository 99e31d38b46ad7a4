package dev.tvixstore.grpc;

import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.grpc.status.GrpcStatusMapper;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the calls in progress, so that a bounded executor never has to reject gRPC's work, and
 * answers the calls over the bound with {@code RESOURCE_EXHAUSTED}.
 *
 * <p>Why not simply let the executor reject: grpc-java does not handle a {@code
 * RejectedExecutionException} from the server executor (grpc-java issue 636, open). Rejected when a
 * call starts, the stream is reset and the client sees {@code INTERNAL}; rejected later, the client
 * sees {@code UNKNOWN} and the call's callback is dropped, so its handler never learns that the
 * call ended (a Put would leak its writer).
 *
 * <p>How: the server runs on the transport thread ({@code directExecutor}) until this class, as its
 * {@link ServerCallExecutorSupplier}, decides each call. An admitted call moves to the pool; a call
 * over the bound stays on the transport thread, where this class, as the outermost {@link
 * ServerInterceptor}, closes it before any handler runs: refusing costs no pool thread, so it works
 * even while every pool thread is busy. An admitted call releases its place when it completes or is
 * cancelled.
 *
 * <p>gRPC serializes a call's callbacks, so an admitted call holds at most one task in the pool,
 * momentarily two (one finishing while its next is queued): a bound of half the pool's threads plus
 * queue ({@link #safeLimit}) keeps the pool from ever being full. The pool must serve gRPC only.
 *
 * <p>{@code ServerBuilder.callExecutor} is marked experimental in grpc-java (since 1.39); the tests
 * in {@code CallAdmissionTest} would show a change of its behaviour.
 */
public final class CallAdmission implements ServerCallExecutorSupplier, ServerInterceptor {

  private final Executor executor;
  private final int maxCalls;
  private final AtomicInteger inProgress = new AtomicInteger();
  // Admitted calls whose interceptor has not run yet. The supplier and the interceptor see the
  // same ServerCall object as long as this is the outermost interceptor (StoreGrpcServer).
  private final Set<ServerCall<?, ?>> admitted = ConcurrentHashMap.newKeySet();

  /**
   * Admits up to {@code maxCalls} calls at a time onto {@code executor}.
   *
   * @throws IllegalArgumentException if {@code maxCalls} is below 1
   */
  public CallAdmission(Executor executor, int maxCalls) {
    this.executor = Objects.requireNonNull(executor, "executor");
    if (maxCalls < 1) {
      throw new IllegalArgumentException("call limit " + maxCalls + " below 1");
    }
    this.maxCalls = maxCalls;
  }

  /**
   * The most calls {@code executor} can take without ever rejecting: half of its threads plus free
   * queue places for a {@link ThreadPoolExecutor}; unbounded for any other executor.
   */
  public static int safeLimit(Executor executor) {
    if (executor instanceof ThreadPoolExecutor pool) {
      long capacity = (long) pool.getMaximumPoolSize() + pool.getQueue().remainingCapacity();
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, capacity / 2));
    }
    return Integer.MAX_VALUE;
  }

  /** The bound on calls in progress. */
  public int maxCalls() {
    return maxCalls;
  }

  /** Calls admitted and not yet ended. */
  public int inProgress() {
    return inProgress.get();
  }

  @Override
  public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
    if (inProgress.incrementAndGet() > maxCalls) {
      inProgress.decrementAndGet();
      return null; // stays on the transport thread; interceptCall refuses it there
    }
    admitted.add(call);
    return executor;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (!admitted.remove(call)) {
      call.close(
          GrpcStatusMapper.toStatus(
              new LimitExceededException(
                  "server busy: " + maxCalls + " calls in progress, try again later")),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    ServerCall.Listener<ReqT> listener;
    try {
      listener = next.startCall(call, headers);
    } catch (RuntimeException | Error e) {
      // gRPC closes the call itself and will not report its end to us.
      inProgress.decrementAndGet();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      private boolean ended; // callbacks of one call never run concurrently

      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } finally {
          end();
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } finally {
          end();
        }
      }

      private void end() {
        if (!ended) {
          ended = true;
          inProgress.decrementAndGet();
        }
      }
    };
  }
}
