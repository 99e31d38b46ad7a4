package dev.tvixstore.grpc.client;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.HashingOutputStream;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.BlobServiceGrpc;
import dev.tvixstore.protos.castore.ReadBlobRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;

/**
 * A blob read over {@code BlobService.Read}. The call starts at the first read, always from the
 * blob's first byte, and is flow-controlled: the blocking iterator asks the server for one message
 * at a time, so at most a few pieces are in memory.
 *
 * <p>Every byte received passes a BLAKE3 hasher; once the last byte has arrived, the stream must
 * end and the hash must equal the digest asked for, else {@link DataLossException}, as tvix's
 * client does. The whole blob is verified, so the last piece of a damaged blob is never returned;
 * earlier pieces may have been.
 *
 * <p>{@link #seek} moves lazily: forward, the next read skips the bytes in between (they are
 * received and hashed, not returned); backward, it cancels the call and reads again from the start.
 */
final class GrpcBlobReader extends BlobReader {

  private static final byte[] NOTHING = new byte[0];

  private final Channel channel;
  private final B3Digest digest;
  private final long size;
  private long position;
  private ClientCall<ReadBlobRequest, BlobChunk> call;
  private Iterator<BlobChunk> pieces;
  private HashingOutputStream hasher;
  private byte[] piece = NOTHING;
  private int pieceOffset;
  private long streamOffset; // offset in the blob of piece[pieceOffset]
  private boolean closed;

  GrpcBlobReader(Channel channel, B3Digest digest, long size) {
    this.channel = channel;
    this.digest = digest;
    this.size = size;
  }

  /**
   * Reads the whole blob once, keeping nothing, to learn its size.
   *
   * @throws DataLossException if the bytes do not hash to {@code digest}
   */
  static long measure(Channel channel, B3Digest digest) {
    ClientCall<ReadBlobRequest, BlobChunk> call =
        channel.newCall(BlobServiceGrpc.getReadMethod(), CallOptions.DEFAULT);
    Iterator<BlobChunk> pieces = ClientCalls.blockingServerStreamingCall(call, request(digest));
    HashingOutputStream hasher = newHasher();
    try {
      while (pieces.hasNext()) {
        hash(hasher, pieces.next().getData().toByteArray());
      }
    } catch (StatusRuntimeException e) {
      throw RemoteStatusMapper.toException(e);
    }
    verify(digest, hasher);
    return hasher.byteCount();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public void seek(long target) {
    checkOpen();
    if (target < 0 || target > size) {
      throw new IllegalArgumentException(
          "seek to " + target + " outside blob of " + size + " bytes");
    }
    position = target;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    checkOpen();
    if (len == 0) {
      return 0;
    }
    if (position >= size) {
      if (size == 0 && !digest.equals(B3Digest.EMPTY)) {
        throw new DataLossException("blob " + digest + " has 0 bytes, which hash otherwise");
      }
      return -1;
    }
    if (call == null || streamOffset > position) {
      restart();
    }
    while (streamOffset < position) {
      int skip = (int) Math.min(piece.length - pieceOffset, position - streamOffset);
      if (skip == 0) {
        fetch();
      }
      pieceOffset += skip;
      streamOffset += skip;
    }
    if (pieceOffset == piece.length) {
      fetch();
    }
    int n = Math.min(len, piece.length - pieceOffset);
    System.arraycopy(piece, pieceOffset, b, off, n);
    pieceOffset += n;
    streamOffset += n;
    position += n;
    return n;
  }

  /** Cancels the call if it is still running. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      cancel("blob reader closed");
    }
  }

  private void restart() {
    cancel("blob reader seeks backward");
    call = channel.newCall(BlobServiceGrpc.getReadMethod(), CallOptions.DEFAULT);
    pieces = ClientCalls.blockingServerStreamingCall(call, request(digest));
    hasher = newHasher();
    piece = NOTHING;
    pieceOffset = 0;
    streamOffset = 0;
  }

  /** Replaces the used-up piece with the next non-empty one; verifies the blob at its end. */
  private void fetch() {
    byte[] data = NOTHING;
    while (data.length == 0) {
      if (!hasNext()) {
        throw new DataLossException(
            "blob " + digest + ": stream ended after " + streamOffset + " of " + size + " bytes");
      }
      data = pieces.next().getData().toByteArray();
    }
    long received = streamOffset + data.length;
    if (received > size) {
      throw new DataLossException("blob " + digest + ": more than its " + size + " bytes received");
    }
    hash(hasher, data);
    piece = data;
    pieceOffset = 0;
    if (received == size) {
      verifyEnd();
    }
  }

  private void verifyEnd() {
    if (hasNext()) {
      throw new DataLossException("blob " + digest + ": more than its " + size + " bytes received");
    }
    verify(digest, hasher);
  }

  private static HashingOutputStream newHasher() {
    return HashingOutputStream.blake3(OutputStream.nullOutputStream());
  }

  private static void hash(HashingOutputStream hasher, byte[] data) {
    try {
      hasher.write(data, 0, data.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the null stream behind it never fails
    }
  }

  private static void verify(B3Digest digest, HashingOutputStream hasher) {
    B3Digest actual = hasher.blake3Digest();
    if (!actual.equals(digest)) {
      throw new DataLossException("blob " + digest + " received with BLAKE3 " + actual);
    }
  }

  private boolean hasNext() {
    try {
      return pieces.hasNext();
    } catch (StatusRuntimeException e) {
      throw RemoteStatusMapper.toException(e);
    }
  }

  private void cancel(String why) {
    if (call != null) {
      call.cancel(why, null); // a no-op once the call has ended
    }
  }

  private static ReadBlobRequest request(B3Digest digest) {
    return ReadBlobRequest.newBuilder().setDigest(ProtoConvert.bytes(digest)).build();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("blob reader closed");
    }
  }
}
