package dev.tvixstore.grpc.client;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.Node;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.protos.store.GetPathInfoRequest;
import dev.tvixstore.protos.store.ListPathInfoRequest;
import dev.tvixstore.protos.store.PathInfoServiceGrpc;
import dev.tvixstore.store.NarCalculation;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.PathInfoService;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link PathInfoService} that is a remote store's tvix.store.v1.PathInfoService. Remote failures
 * come back through {@link RemoteStatusMapper}: a broken rule as the {@code
 * InvalidPathInfoException} naming it, {@code NOT_FOUND} of {@code Get} as an empty result, of
 * {@code CalculateNAR} as {@code NotFoundException}.
 *
 * <p>What the remote store sends is checked: a PathInfo it holds must be valid and be the one asked
 * for, else {@link DataLossException}; an answer to {@code Put} must describe what was put, and a
 * {@code CalculateNAR} answer must be well-formed, else {@link StorageException}. {@link #list()}
 * is lazy and flow-controlled (see {@link LazyServerStream}).
 */
public final class GrpcPathInfoService implements PathInfoService {

  private final Channel channel;
  private final PathInfoServiceGrpc.PathInfoServiceBlockingStub blocking;

  /** A client of the store behind {@code channel}; the caller owns the channel. */
  public GrpcPathInfoService(Channel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.blocking = PathInfoServiceGrpc.newBlockingStub(channel);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The length of {@code digest} is checked by the remote store, which answers {@code
   * INVALID_ARGUMENT}.
   */
  @Override
  public Optional<PathInfo> get(byte[] digest) {
    GetPathInfoRequest request =
        GetPathInfoRequest.newBuilder()
            .setByOutputHash(ByteString.copyFrom(Objects.requireNonNull(digest, "digest")))
            .build();
    dev.tvixstore.protos.store.PathInfo answer;
    try {
      answer = blocking.get(request);
    } catch (StatusRuntimeException e) {
      if (RemoteStatusMapper.isNotFound(e)) {
        return Optional.empty();
      }
      throw RemoteStatusMapper.toException(e);
    }
    PathInfo info;
    try {
      info = ProtoConvert.pathInfo(answer);
    } catch (InvalidRequestException e) {
      throw new DataLossException(
          "remote store sent an invalid PathInfo for "
              + Nixbase32.encode(digest)
              + ": "
              + e.getMessage(),
          e);
    }
    if (!Arrays.equals(info.storePath().digest(), digest)) {
      throw new DataLossException(
          "remote store sent " + info.storePath() + " for " + Nixbase32.encode(digest));
    }
    return Optional.of(info);
  }

  @Override
  public PathInfo put(PathInfo info) {
    dev.tvixstore.protos.store.PathInfo answer;
    try {
      answer = blocking.put(ProtoConvert.toProto(Objects.requireNonNull(info, "info")));
    } catch (StatusRuntimeException e) {
      throw RemoteStatusMapper.toException(e);
    }
    PathInfo stored;
    try {
      stored = ProtoConvert.pathInfo(answer);
    } catch (InvalidRequestException e) {
      throw new StorageException(
          "remote store answered an invalid PathInfo for " + info.storePath(), e);
    }
    // Only signatures may differ: the store merges in those of earlier puts.
    if (!stored.sameContentAs(info)) {
      throw new StorageException(
          "remote store answered " + stored.storePath() + " with other contents than were put");
    }
    return stored;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The call starts when the stream is first read and is cancelled when it is closed; the server
   * sends only as fast as the stream is read.
   */
  @Override
  public Stream<PathInfo> list() {
    LazyServerStream<ListPathInfoRequest, dev.tvixstore.protos.store.PathInfo> messages =
        new LazyServerStream<>(
            channel, PathInfoServiceGrpc.getListMethod(), ListPathInfoRequest.getDefaultInstance());
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(messages, Spliterator.NONNULL), false)
        .map(GrpcPathInfoService::listed)
        .onClose(messages::close);
  }

  /**
   * A listed PathInfo; one that breaks a rule is damaged data, as a bad record on disk would be.
   */
  private static PathInfo listed(dev.tvixstore.protos.store.PathInfo message) {
    try {
      return ProtoConvert.pathInfo(message);
    } catch (InvalidRequestException e) {
      throw new DataLossException("remote store listed an invalid PathInfo: " + e.getMessage(), e);
    }
  }

  @Override
  public NarCalculation calculateNar(Node root) {
    try {
      return ProtoConvert.narCalculation(
          blocking.calculateNAR(ProtoConvert.toProto(Objects.requireNonNull(root, "root"))));
    } catch (StatusRuntimeException e) {
      throw RemoteStatusMapper.toException(e);
    } catch (InvalidRequestException e) {
      throw new StorageException(
          "remote store sent a malformed CalculateNAR answer: " + e.getMessage(), e);
    }
  }
}
