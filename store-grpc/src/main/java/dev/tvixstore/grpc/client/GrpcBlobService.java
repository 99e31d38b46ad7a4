package dev.tvixstore.grpc.client;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.protos.castore.StatBlobResponse;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BlobService} that is a remote store's tvix.castore.v1.BlobService. Reads and writes
 * stream with flow control (see {@link GrpcBlobReader} and {@link GrpcBlobWriter}); remote failures
 * come back through {@link RemoteStatusMapper}, {@code NOT_FOUND} as an empty result.
 *
 * <p>Sizes: the proto has no size field, so {@link #stat} and {@link #openRead} ask for the chunk
 * list and add it up (our server always lists at least the blob itself). A server that lists no
 * chunks (tvix's, for a blob it does not chunk) costs one extra read of the whole blob, which is
 * counted, not kept.
 */
public final class GrpcBlobService implements BlobService {

  /** Default size of the {@code BlobChunk} messages a writer sends: 256 KiB. */
  public static final int DEFAULT_WRITE_PIECE_BYTES = 256 * 1024;

  private final Channel channel;
  private final BlobServiceGrpc.BlobServiceBlockingStub blocking;
  private final BlobServiceGrpc.BlobServiceStub async;
  private final int writePieceBytes;

  /** A client of the store behind {@code channel}; the caller owns the channel. */
  public GrpcBlobService(Channel channel) {
    this(channel, DEFAULT_WRITE_PIECE_BYTES);
  }

  /**
   * A client of the store behind {@code channel}.
   *
   * @param writePieceBytes size of the messages writers send; must fit the server's maximum inbound
   *     message size
   */
  public GrpcBlobService(Channel channel, int writePieceBytes) {
    this.channel = Objects.requireNonNull(channel, "channel");
    if (writePieceBytes < 1) {
      throw new IllegalArgumentException("write piece size " + writePieceBytes + " below 1 byte");
    }
    this.blocking = BlobServiceGrpc.newBlockingStub(channel);
    this.async = BlobServiceGrpc.newStub(channel);
    this.writePieceBytes = writePieceBytes;
  }

  @Override
  public Optional<BlobReader> openRead(B3Digest digest) {
    return stat(digest, false).map(stat -> new GrpcBlobReader(channel, digest, stat.size()));
  }

  @Override
  public BlobWriter openWrite() {
    return new GrpcBlobWriter(ClientStreamSender.start(async::put), writePieceBytes);
  }

  @Override
  public Optional<BlobStat> stat(B3Digest digest, boolean withChunks) {
    Optional<StatBlobResponse> response = callStat(digest, true);
    if (response.isEmpty()) {
      return Optional.empty();
    }
    List<BlobStat.ChunkMeta> chunks = chunks(response.get());
    long size = chunks.isEmpty() ? countBytes(digest) : sum(digest, chunks);
    boolean wholeBlobOnly = chunks.size() == 1 && chunks.get(0).digest().equals(digest);
    // The BlobService contract lists no chunks for a blob stored as one.
    List<BlobStat.ChunkMeta> listed = withChunks && !wholeBlobOnly ? chunks : List.of();
    return Optional.of(new BlobStat(digest, size, listed));
  }

  @Override
  public boolean has(B3Digest digest) {
    return callStat(digest, false).isPresent();
  }

  private Optional<StatBlobResponse> callStat(B3Digest digest, boolean sendChunks) {
    StatBlobRequest request =
        StatBlobRequest.newBuilder()
            .setDigest(ProtoConvert.bytes(Objects.requireNonNull(digest, "digest")))
            .setSendChunks(sendChunks)
            .build();
    try {
      return Optional.of(blocking.stat(request));
    } catch (StatusRuntimeException e) {
      if (RemoteStatusMapper.isNotFound(e)) {
        return Optional.empty();
      }
      throw RemoteStatusMapper.toException(e);
    }
  }

  private static List<BlobStat.ChunkMeta> chunks(StatBlobResponse response) {
    try {
      return ProtoConvert.chunks(response);
    } catch (InvalidRequestException e) {
      throw new StorageException("remote store sent a malformed Stat answer: " + e.getMessage(), e);
    }
  }

  private static long sum(B3Digest digest, List<BlobStat.ChunkMeta> chunks) {
    long size = 0;
    for (BlobStat.ChunkMeta chunk : chunks) {
      size += chunk.size();
      if (size < 0) {
        throw new StorageException("remote store lists chunks of blob " + digest + " over 2^63-1");
      }
    }
    return size;
  }

  /** The size of a blob whose server lists no chunks: read (and verify) it once, keep nothing. */
  private long countBytes(B3Digest digest) {
    return GrpcBlobReader.measure(channel, digest);
  }
}
