package dev.tvixstore.grpc.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.PutBlobResponse;
import java.util.Arrays;
import java.util.Objects;

/**
 * A blob written over one {@code BlobService.Put} call. Bytes are collected into pieces of {@code
 * pieceBytes} and each full piece is sent as soon as the transport is ready, so memory stays at
 * about two pieces however long the blob. {@link #commit()} returns the digest the server computed;
 * closing without commit cancels the call, and the server stores nothing.
 */
final class GrpcBlobWriter extends BlobWriter {

  private final ClientStreamSender<BlobChunk, PutBlobResponse> call;
  private final int pieceBytes;
  private byte[] piece;
  private int filled;
  private long written;
  private boolean finished;

  GrpcBlobWriter(ClientStreamSender<BlobChunk, PutBlobResponse> call, int pieceBytes) {
    this.call = call;
    this.pieceBytes = pieceBytes;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    checkOpen();
    while (len > 0) {
      if (piece == null) {
        piece = new byte[pieceBytes];
      }
      int n = Math.min(len, pieceBytes - filled);
      System.arraycopy(b, off, piece, filled, n);
      filled += n;
      off += n;
      len -= n;
      written += n;
      if (filled == pieceBytes) {
        sendPiece();
      }
    }
  }

  @Override
  public B3Digest commit() {
    checkOpen();
    finished = true;
    if (filled > 0) {
      sendPiece();
    }
    ByteString digest = call.complete().getDigest();
    if (digest.size() != B3Digest.LENGTH) {
      throw new StorageException("remote store answered a digest of " + digest.size() + " bytes");
    }
    return B3Digest.of(digest.toByteArray());
  }

  @Override
  public long bytesWritten() {
    return written;
  }

  @Override
  public void close() {
    if (!finished) {
      finished = true;
      call.cancel("blob writer closed without commit");
    }
  }

  private void sendPiece() {
    byte[] full = filled == piece.length ? piece : Arrays.copyOf(piece, filled);
    // Hand the array over and start a new one: an in-process transport passes the message
    // itself, so the bytes must not change after sending.
    piece = null;
    filled = 0;
    try {
      call.send(BlobChunk.newBuilder().setData(UnsafeByteOperations.unsafeWrap(full)).build());
    } catch (RuntimeException e) {
      finished = true;
      throw e;
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("blob writer already committed or closed");
    }
  }
}
