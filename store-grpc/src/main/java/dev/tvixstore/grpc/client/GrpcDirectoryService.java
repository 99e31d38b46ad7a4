package dev.tvixstore.grpc.client;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.castore.directory.DirectoryService;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.GetDirectoryRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link DirectoryService} that is a remote store's tvix.castore.v1.DirectoryService. What the
 * remote store sends is checked as if it came off a disk: a directory must be valid and have the
 * digest asked for, a closure must arrive in order ({@link RemoteClosure}); else {@link
 * DataLossException}. Remote failures come back through {@link RemoteStatusMapper}, {@code
 * NOT_FOUND} as an empty result.
 */
public final class GrpcDirectoryService implements DirectoryService {

  private final Channel channel;
  private final DirectoryServiceGrpc.DirectoryServiceStub async;

  /** A client of the store behind {@code channel}; the caller owns the channel. */
  public GrpcDirectoryService(Channel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.async = DirectoryServiceGrpc.newStub(channel);
  }

  @Override
  public Optional<Directory> get(B3Digest digest) {
    GetDirectoryRequest request =
        GetDirectoryRequest.newBuilder()
            .setDigest(ProtoConvert.bytes(Objects.requireNonNull(digest, "digest")))
            .build();
    ClientCall<GetDirectoryRequest, dev.tvixstore.protos.castore.Directory> call =
        channel.newCall(DirectoryServiceGrpc.getGetMethod(), CallOptions.DEFAULT);
    Iterator<dev.tvixstore.protos.castore.Directory> answer =
        ClientCalls.blockingServerStreamingCall(call, request);
    try {
      if (!answer.hasNext()) {
        throw new DataLossException("remote store sent no directory " + digest);
      }
      Directory directory = checked(digest, answer.next());
      if (answer.hasNext()) {
        throw new DataLossException("remote store sent more than directory " + digest);
      }
      return Optional.of(directory);
    } catch (StatusRuntimeException e) {
      if (RemoteStatusMapper.isNotFound(e)) {
        return Optional.empty();
      }
      throw RemoteStatusMapper.toException(e);
    } finally {
      call.cancel("answer read", null); // a no-op once the call has ended
    }
  }

  @Override
  public Stream<Directory> getRecursive(B3Digest root) {
    RemoteClosure walk = new RemoteClosure(channel, Objects.requireNonNull(root, "root"));
    Spliterator<Directory> directories =
        Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(directories, false).onClose(walk::close);
  }

  @Override
  public DirectoryPutter openPut() {
    return new GrpcDirectoryPutter(ClientStreamSender.start(async::put));
  }

  private static Directory checked(
      B3Digest digest, dev.tvixstore.protos.castore.Directory message) {
    Directory directory;
    try {
      directory = ProtoConvert.directory(message);
    } catch (InvalidRequestException e) {
      throw new DataLossException(
          "remote store sent an invalid directory for " + digest + ": " + e.getMessage(), e);
    }
    if (!directory.digest().equals(digest)) {
      throw new DataLossException(
          "remote store sent directory " + directory.digest() + " for " + digest);
    }
    return directory;
  }
}
