package dev.tvixstore.grpc;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.PutDirectoryResponse;
import io.grpc.stub.StreamObserver;

/**
 * One {@code DirectoryService.Put} stream. Each message arrives as its raw bytes, is parsed with
 * the canonical validation of DESIGN §2 and handed to the putter at once, so a broken rule ends the
 * call on the message that broke it; the closure is committed when the client half-closes. Any
 * failure, and a client's cancel, close the putter: nothing of the stream is stored.
 */
final class DirectoryPutObserver implements StreamObserver<byte[]> {

  private final DirectoryPutter putter;
  private final DirectoryPutLimits limits;
  private final StreamObserver<PutDirectoryResponse> response;
  private long directories;
  private long bytes;
  private boolean finished;

  DirectoryPutObserver(
      DirectoryPutter putter,
      DirectoryPutLimits limits,
      StreamObserver<PutDirectoryResponse> response) {
    this.putter = putter;
    this.limits = limits;
    this.response = response;
  }

  @Override
  public void onNext(byte[] message) {
    if (finished) {
      return; // the call already failed; the client may still be sending
    }
    try {
      directories++;
      bytes += message.length;
      limits.check(directories, bytes);
      putter.put(ProtoConvert.directory(message));
    } catch (Throwable t) {
      finished = true;
      Calls.closeQuietly(putter);
      Calls.fail(response, t);
    }
  }

  @Override
  public void onCompleted() {
    if (finished) {
      return;
    }
    finished = true;
    B3Digest root;
    try {
      root = putter.commit();
    } catch (Throwable t) {
      Calls.fail(response, t);
      return;
    } finally {
      Calls.closeQuietly(putter);
    }
    response.onNext(
        PutDirectoryResponse.newBuilder().setRootDigest(ProtoConvert.bytes(root)).build());
    response.onCompleted();
  }

  /** The client cancelled or the stream broke: store nothing. */
  @Override
  public void onError(Throwable t) {
    if (!finished) {
      finished = true;
      Calls.closeQuietly(putter);
    }
  }
}
