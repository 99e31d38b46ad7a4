package dev.tvixstore.grpc.client;

import dev.tvixstore.error.StorageException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;

/**
 * The sending side of one client-streaming call, for a single producer thread. {@link #send} blocks
 * that thread until the transport is ready for more, so memory stays bounded by what the transport
 * buffers before it reports not-ready (32 KiB by default) plus one message; no other thread ever
 * waits. The call's end is reported by {@link #complete()} (the response) or as the exception of
 * the next {@link #send}.
 */
final class ClientStreamSender<ReqT, RespT> implements ClientResponseObserver<ReqT, RespT> {

  private final Object lock = new Object();
  private ClientCallStreamObserver<ReqT> requests;
  private RespT response;
  private Throwable failure;
  private boolean ended;

  private ClientStreamSender() {}

  /**
   * Starts a call, e.g. {@code ClientStreamSender.start(BlobServiceGrpc.newStub(channel)::put)}.
   */
  static <ReqT, RespT> ClientStreamSender<ReqT, RespT> start(
      Function<StreamObserver<RespT>, StreamObserver<ReqT>> call) {
    ClientStreamSender<ReqT, RespT> sender = new ClientStreamSender<>();
    call.apply(sender);
    return sender;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<ReqT> requestStream) {
    this.requests = requestStream;
    requestStream.setOnReadyHandler(this::wake);
  }

  /**
   * Sends {@code message} once the transport is ready for it.
   *
   * @throws dev.tvixstore.error.StoreException the call's failure, mapped, if it has ended
   */
  void send(ReqT message) {
    synchronized (lock) {
      while (!ended && !requests.isReady()) {
        await();
      }
      if (ended) {
        throw endedEarly();
      }
    }
    requests.onNext(message);
  }

  /**
   * Half-closes and waits for the server's answer.
   *
   * @throws dev.tvixstore.error.StoreException the call's failure, mapped
   */
  RespT complete() {
    requests.onCompleted();
    synchronized (lock) {
      while (!ended) {
        await();
      }
      if (failure != null) {
        throw RemoteStatusMapper.toException(failure);
      }
      if (response == null) {
        throw new StorageException("remote store ended the call without an answer");
      }
      return response;
    }
  }

  /** Cancels the call: the server discards what was sent. */
  void cancel(String why) {
    requests.cancel(why, null);
  }

  @Override
  public void onNext(RespT value) {
    synchronized (lock) {
      response = value;
    }
  }

  @Override
  public void onError(Throwable t) {
    synchronized (lock) {
      failure = t;
      ended = true;
      lock.notifyAll();
    }
  }

  @Override
  public void onCompleted() {
    synchronized (lock) {
      ended = true;
      lock.notifyAll();
    }
  }

  private void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  private RuntimeException endedEarly() {
    return failure != null
        ? RemoteStatusMapper.toException(failure)
        : new StorageException("remote store answered before the stream was complete");
  }

  private void await() {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requests.cancel("interrupted", e);
      throw new StorageException("interrupted while waiting for the remote store", e);
    }
  }
}
