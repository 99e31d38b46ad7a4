package dev.tvixstore.grpc;

import dev.tvixstore.castore.Directory;
import dev.tvixstore.grpc.convert.ProtoConvert;
import java.util.Iterator;
import java.util.stream.Stream;

/** A directory closure, as the backend streams it, as {@code Directory} messages. */
final class DirectoryClosureSource
    implements FlowControlledSender.Source<dev.tvixstore.protos.castore.Directory> {

  private final Stream<Directory> closure;
  private final Iterator<Directory> directories;

  DirectoryClosureSource(Stream<Directory> closure, Iterator<Directory> directories) {
    this.closure = closure;
    this.directories = directories;
  }

  @Override
  public dev.tvixstore.protos.castore.Directory next() {
    return directories.hasNext() ? ProtoConvert.toProto(directories.next()) : null;
  }

  @Override
  public void close() {
    closure.close();
  }
}
