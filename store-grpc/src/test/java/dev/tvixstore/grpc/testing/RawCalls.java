package dev.tvixstore.grpc.testing;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Client-streaming calls through raw stubs, for tests that speak the protocol directly. */
public final class RawCalls {

  private RawCalls() {}

  /** The answer of a client-streaming call, or the status it failed with. */
  public record Outcome<R>(R response, Status status) {
    /** The answer; fails the test with the status if the call failed. */
    public R orFail() {
      if (response == null) {
        throw new AssertionError("call failed: " + status);
      }
      return response;
    }
  }

  /** Sends {@code messages}, half-closes, and waits for the outcome. */
  public static <T, R> Outcome<R> clientStream(
      Function<StreamObserver<R>, StreamObserver<T>> call, List<T> messages) {
    CompletableFuture<R> answer = new CompletableFuture<>();
    StreamObserver<T> requests = call.apply(completing(answer));
    messages.forEach(requests::onNext);
    requests.onCompleted();
    return outcome(answer);
  }

  /** An observer of a call's single answer that completes {@code answer}. */
  public static <R> StreamObserver<R> completing(CompletableFuture<R> answer) {
    return new StreamObserver<>() {
      private R value;

      @Override
      public void onNext(R v) {
        value = v;
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        answer.complete(value);
      }
    };
  }

  /** Waits (10 s at most) for {@code answer}. */
  public static <R> Outcome<R> outcome(CompletableFuture<R> answer) {
    try {
      return new Outcome<>(answer.get(10, TimeUnit.SECONDS), Status.OK);
    } catch (ExecutionException e) {
      return new Outcome<>(null, Status.fromThrowable(e.getCause()));
    } catch (Exception e) {
      throw new AssertionError("no answer", e);
    }
  }
}
