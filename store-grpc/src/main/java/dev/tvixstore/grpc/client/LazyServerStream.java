package dev.tvixstore.grpc.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A server-streaming call as an iterator over its messages. The call starts at the first {@link
 * #hasNext()}, so a stream never read costs no call; the blocking iterator asks the server for one
 * message at a time, so a slow reader holds the server back instead of piling messages up here.
 * {@link #close()} cancels the call. A failed call is thrown as the store exception {@link
 * RemoteStatusMapper} gives, once; after that the stream is over.
 */
final class LazyServerStream<ReqT, RespT> implements Iterator<RespT>, AutoCloseable {

  private final Channel channel;
  private final MethodDescriptor<ReqT, RespT> method;
  private final ReqT request;
  private ClientCall<ReqT, RespT> call;
  private Iterator<RespT> messages;
  private boolean ended;

  LazyServerStream(Channel channel, MethodDescriptor<ReqT, RespT> method, ReqT request) {
    this.channel = channel;
    this.method = method;
    this.request = request;
  }

  /**
   * Whether another message arrived, waiting for it; starts the call on first use.
   *
   * @throws dev.tvixstore.error.StoreException the call's failure, mapped
   */
  @Override
  public boolean hasNext() {
    if (ended) {
      return false;
    }
    if (call == null) {
      call = channel.newCall(method, CallOptions.DEFAULT);
      messages = ClientCalls.blockingServerStreamingCall(call, request);
    }
    try {
      if (messages.hasNext()) {
        return true;
      }
    } catch (StatusRuntimeException e) {
      ended = true;
      throw RemoteStatusMapper.toException(e);
    }
    ended = true;
    return false;
  }

  @Override
  public RespT next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return messages.next();
  }

  /** Cancels the call if it is still running. */
  @Override
  public void close() {
    ended = true;
    if (call != null) {
      call.cancel(method.getBareMethodName() + " stream closed", null); // no-op once ended
    }
  }
}
