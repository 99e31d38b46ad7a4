package dev.tvixstore.grpc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.castore.blob.BlobService;
import dev.tvixstore.castore.blob.BlobStat;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.PutBlobResponse;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import dev.tvixstore.protos.castore.StatBlobRequest;
import dev.tvixstore.protos.castore.StatBlobResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;

/**
 * The tvix.castore.v1.BlobService endpoint over any {@link BlobService}.
 *
 * <ul>
 *   <li>{@code Stat}: with {@code send_chunks}, the chunk list (see {@link
 *       ProtoConvert#toStatResponse}); without, an empty answer. {@code send_bao} is ignored and no
 *       bao is ever sent: tvix's own server sends none either.
 *   <li>{@code Read}: a blob or chunk digest; the content in pieces of at most {@code
 *       readPieceBytes}, flow-controlled. Corruption found mid-stream ends the call with {@code
 *       DATA_LOSS}, never with a normal end.
 *   <li>{@code Put}: streamed into the backend's writer, committed on half-close.
 * </ul>
 *
 * <p>Unknown digests give {@code NOT_FOUND}, digests that are not 32 bytes {@code
 * INVALID_ARGUMENT}; every failure goes through {@code GrpcStatusMapper}.
 */
public class BlobServiceGrpcAdapter extends BlobServiceGrpc.BlobServiceImplBase {

  /**
   * Default largest {@code BlobChunk} that {@code Read} sends: 1 MiB, a quarter of gRPC's limit.
   */
  public static final int DEFAULT_READ_PIECE_BYTES = 1 << 20;

  private final BlobService blobs;
  private final int readPieceBytes;

  /** Serves {@code blobs} with {@link #DEFAULT_READ_PIECE_BYTES} pieces. */
  public BlobServiceGrpcAdapter(BlobService blobs) {
    this(blobs, DEFAULT_READ_PIECE_BYTES);
  }

  /**
   * Serves {@code blobs}.
   *
   * @param readPieceBytes the largest piece {@code Read} sends; must fit the clients' maximum
   *     inbound message size (4 MiB by default in gRPC)
   */
  public BlobServiceGrpcAdapter(BlobService blobs, int readPieceBytes) {
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    if (readPieceBytes < 1) {
      throw new IllegalArgumentException("read piece size " + readPieceBytes + " below 1 byte");
    }
    this.readPieceBytes = readPieceBytes;
  }

  @Override
  public void stat(StatBlobRequest request, StreamObserver<StatBlobResponse> response) {
    try {
      B3Digest digest = ProtoConvert.digest(request.getDigest(), "StatBlobRequest.digest");
      BlobStat stat =
          blobs.stat(digest, request.getSendChunks()).orElseThrow(() -> notFound(digest));
      response.onNext(ProtoConvert.toStatResponse(stat, request.getSendChunks()));
      response.onCompleted();
    } catch (Throwable t) {
      Calls.fail(response, t);
    }
  }

  @Override
  public void read(ReadBlobRequest request, StreamObserver<BlobChunk> response) {
    BlobReader reader = null;
    try {
      B3Digest digest = ProtoConvert.digest(request.getDigest(), "ReadBlobRequest.digest");
      reader = blobs.openRead(digest).orElseThrow(() -> notFound(digest));
      FlowControlledSender.start(
          (ServerCallStreamObserver<BlobChunk>) response, new BlobPieces(reader, readPieceBytes));
    } catch (Throwable t) {
      // Only reached before the sender took the reader over (start() never throws).
      if (reader != null) {
        Calls.closeQuietly(reader);
      }
      Calls.fail(response, t);
    }
  }

  @Override
  public StreamObserver<BlobChunk> put(StreamObserver<PutBlobResponse> response) {
    try {
      return new BlobPutObserver(blobs.openWrite(), response);
    } catch (Throwable t) {
      Calls.fail(response, t);
      return Calls.ignoring();
    }
  }

  private static NotFoundException notFound(B3Digest digest) {
    return new NotFoundException("blob " + digest + " not found");
  }
}
