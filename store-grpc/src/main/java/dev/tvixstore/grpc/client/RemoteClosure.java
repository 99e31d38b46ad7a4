package dev.tvixstore.grpc.client;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.DirectoryNode;
import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.grpc.convert.ProtoConvert;
import dev.tvixstore.protos.castore.DirectoryServiceGrpc;
import dev.tvixstore.protos.castore.GetDirectoryRequest;
import io.grpc.Channel;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The closure of a root directory as a remote store streams it ({@code Get} with {@code
 * recursive}), checked as it arrives: the root first, every later directory referred to by one
 * received before it, each once, and nothing referred to missing at the end; anything else is
 * {@link DataLossException}. The call starts at the first {@link #hasNext()}, asks for one message
 * at a time, and is cancelled by {@link #close()}. A root the store does not have gives an empty
 * walk.
 */
final class RemoteClosure implements Iterator<Directory>, AutoCloseable {

  private final B3Digest root;
  private final Set<B3Digest> expected = new HashSet<>(); // referred to, not received yet
  private final Set<B3Digest> received = new HashSet<>();
  private final LazyServerStream<GetDirectoryRequest, dev.tvixstore.protos.castore.Directory>
      messages;
  private boolean ended;

  RemoteClosure(Channel channel, B3Digest root) {
    this.root = root;
    this.messages =
        new LazyServerStream<>(
            channel,
            DirectoryServiceGrpc.getGetMethod(),
            GetDirectoryRequest.newBuilder()
                .setDigest(ProtoConvert.bytes(root))
                .setRecursive(true)
                .build());
    expected.add(root);
  }

  @Override
  public boolean hasNext() {
    if (ended) {
      return false;
    }
    try {
      if (messages.hasNext()) {
        return true;
      }
    } catch (RuntimeException e) {
      ended = true;
      if (e instanceof NotFoundException && received.isEmpty()) {
        return false;
      }
      throw e;
    }
    ended = true;
    if (!expected.isEmpty() && !received.isEmpty()) {
      throw new DataLossException(
          "closure of %s ended without %d directories it refers to, e.g. %s"
              .formatted(root, expected.size(), expected.iterator().next()));
    }
    return false;
  }

  @Override
  public Directory next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Directory directory;
    try {
      directory = ProtoConvert.directory(messages.next());
    } catch (InvalidRequestException e) {
      throw new DataLossException(
          "closure of " + root + ": remote store sent an invalid directory: " + e.getMessage(), e);
    }
    B3Digest digest = directory.digest();
    if (!expected.remove(digest)) {
      throw new DataLossException(
          "closure of %s: directory %s %s"
              .formatted(
                  root,
                  digest,
                  received.contains(digest) ? "sent twice" : "sent before any refers to it"));
    }
    received.add(digest);
    for (DirectoryNode child : directory.directories()) {
      if (!received.contains(child.digest())) {
        expected.add(child.digest());
      }
    }
    return directory;
  }

  /** Cancels the call if it is still running. */
  @Override
  public void close() {
    ended = true;
    messages.close();
  }
}
