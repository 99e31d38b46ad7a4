package dev.tvixstore.grpc.client;

import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.directory.DirectoryPutter;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.PutDirectoryResponse;

/**
 * A closure put over one {@code DirectoryService.Put} call: each directory is sent when {@link
 * #put} is called (waiting while the transport is not ready), and {@link #commit()} half-closes and
 * waits for the root digest. The server checks the rules; a rule it finds broken comes back as the
 * {@code InvalidClosureException} or {@code InvalidDirectoryException} naming it, from the next
 * {@code put} or from {@code commit}. Closing without commit cancels the call, and the server
 * stores nothing.
 */
final class GrpcDirectoryPutter implements DirectoryPutter {

  private final ClientStreamSender<dev.tvixstore.protos.castore.Directory, PutDirectoryResponse>
      call;
  private B3Digest last;
  private boolean finished;

  GrpcDirectoryPutter(
      ClientStreamSender<dev.tvixstore.protos.castore.Directory, PutDirectoryResponse> call) {
    this.call = call;
  }

  @Override
  public void put(Directory directory) {
    checkOpen();
    try {
      call.send(ProtoConvert.toProto(directory));
    } catch (RuntimeException e) {
      finished = true;
      throw e;
    }
    last = directory.digest();
  }

  @Override
  public B3Digest commit() {
    checkOpen();
    finished = true;
    ByteString root = call.complete().getRootDigest();
    if (root.size() != B3Digest.LENGTH) {
      throw new StorageException(
          "remote store answered a root digest of " + root.size() + " bytes");
    }
    B3Digest digest = B3Digest.of(root.toByteArray());
    if (!digest.equals(last)) {
      throw new StorageException(
          "remote store answered root " + digest + ", but the last directory sent is " + last);
    }
    return digest;
  }

  @Override
  public void close() {
    if (!finished) {
      finished = true;
      call.cancel("directory putter closed without commit");
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("directory putter already committed, closed or failed");
    }
  }
}
