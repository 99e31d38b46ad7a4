package dev.tvixstore.grpc;

import com.google.protobuf.UnsafeByteOperations;
import dev.tvixstore.castore.blob.BlobReader;
import dev.tvixstore.protos.castore.BlobChunk;
import java.io.IOException;
import java.util.Arrays;

/** A blob's content as {@code BlobChunk} messages of at most {@code pieceBytes} bytes each. */
final class BlobPieces implements FlowControlledSender.Source<BlobChunk> {

  private final BlobReader reader;
  private final int pieceBytes;

  BlobPieces(BlobReader reader, int pieceBytes) {
    this.reader = reader;
    this.pieceBytes = pieceBytes;
  }

  @Override
  public BlobChunk next() throws IOException {
    int want = (int) Math.min(pieceBytes, reader.remaining());
    if (want <= 0) {
      return null;
    }
    // A fresh array per piece: the in-process transport hands the message itself to the client,
    // so a reused buffer would change bytes already "sent".
    byte[] piece = new byte[want];
    int n = reader.readNBytes(piece, 0, want);
    if (n == 0) {
      return null;
    }
    return BlobChunk.newBuilder()
        .setData(UnsafeByteOperations.unsafeWrap(n == want ? piece : Arrays.copyOf(piece, n)))
        .build();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
