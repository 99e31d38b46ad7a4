package dev.tvixstore.grpc.client;

import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.store.ListPathInfoRequest;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import dev.tvixstore.store.PathInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A remote store's {@code List} as it arrives. The call starts at the first {@link #hasNext()}, so
 * a listing never read costs nothing; the blocking iterator asks the server for one message at a
 * time, so a slow reader holds the server back instead of piling messages up here. {@link #close()}
 * cancels the call, and the server closes its cursor. A PathInfo that breaks a rule of DESIGN §3 is
 * {@link DataLossException}, as a damaged record read from disk would be.
 */
final class RemotePathInfoList implements Iterator<PathInfo>, AutoCloseable {

  private final Channel channel;
  private ClientCall<ListPathInfoRequest, dev.tvixstore.protos.store.PathInfo> call;
  private Iterator<dev.tvixstore.protos.store.PathInfo> messages;
  private boolean ended;

  RemotePathInfoList(Channel channel) {
    this.channel = channel;
  }

  @Override
  public boolean hasNext() {
    if (ended) {
      return false;
    }
    if (call == null) {
      call = channel.newCall(PathInfoServiceGrpc.getListMethod(), CallOptions.DEFAULT);
      messages =
          ClientCalls.blockingServerStreamingCall(call, ListPathInfoRequest.getDefaultInstance());
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
  public PathInfo next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      return ProtoConvert.pathInfo(messages.next());
    } catch (InvalidRequestException e) {
      throw new DataLossException("remote store listed an invalid PathInfo: " + e.getMessage(), e);
    }
  }

  /** Cancels the call if it is still running. */
  @Override
  public void close() {
    ended = true;
    if (call != null) {
      call.cancel("PathInfo listing closed", null); // a no-op once the call has ended
    }
  }
}
