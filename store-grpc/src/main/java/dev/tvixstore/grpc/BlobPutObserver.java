package dev.tvixstore.grpc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.blob.BlobWriter;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.BlobChunk;
import dev.tvixstore.protos.castore.PutBlobResponse;
import io.grpc.stub.StreamObserver;

/**
 * One {@code BlobService.Put} stream: each message's bytes go into the writer as they arrive (their
 * boundaries mean nothing, DESIGN §2), the blob is committed when the client half-closes.
 *
 * <p>Back-pressure: gRPC asks the transport for the next message only after {@link #onNext}
 * returns, and {@code onNext} writes synchronously, so at most one message waits in memory and a
 * slow backend slows the client down through HTTP/2 flow control.
 */
final class BlobPutObserver implements StreamObserver<BlobChunk> {

  private final BlobWriter writer;
  private final StreamObserver<PutBlobResponse> response;
  private boolean finished;

  BlobPutObserver(BlobWriter writer, StreamObserver<PutBlobResponse> response) {
    this.writer = writer;
    this.response = response;
  }

  @Override
  public void onNext(BlobChunk chunk) {
    if (finished) {
      return; // the call already failed; the client may still be sending
    }
    try {
      chunk.getData().writeTo(writer);
    } catch (Throwable t) {
      abort(t);
    }
  }

  @Override
  public void onCompleted() {
    if (finished) {
      return;
    }
    finished = true;
    B3Digest digest;
    try {
      digest = writer.commit();
      writer.close();
    } catch (Throwable t) {
      Calls.closeQuietly(writer);
      Calls.fail(response, t);
      return;
    }
    response.onNext(PutBlobResponse.newBuilder().setDigest(ProtoConvert.bytes(digest)).build());
    response.onCompleted();
  }

  /** The client cancelled or the stream broke: discard what was written. */
  @Override
  public void onError(Throwable t) {
    if (!finished) {
      finished = true;
      Calls.closeQuietly(writer);
    }
  }

  private void abort(Throwable t) {
    finished = true;
    Calls.closeQuietly(writer);
    Calls.fail(response, t);
  }
}
