package dev.tvixstore.nix;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import dev.tvixstore.castore.MapCastore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A NarHandler that stores what it is given in a {@link MapCastore}, recording the call order. */
final class CapturingHandler implements NarHandler {
  final MapCastore store = new MapCastore();
  final List<Directory> directoryCalls = new ArrayList<>();

  @Override
  public B3Digest file(InputStream contents, long size, boolean executable) throws IOException {
    byte[] data = contents.readAllBytes();
    if (data.length != size) {
      throw new AssertionError("contents gave " + data.length + " bytes, size " + size);
    }
    return store.putBlob(data);
  }

  @Override
  public void directory(Directory directory) {
    directoryCalls.add(directory);
    store.directories.putIfAbsent(directory.digest(), directory);
  }
}
