package dev.tvixstore.nix;

import dev.tvixstore.castore.FileNode;
import java.io.IOException;

/** Where {@link NarWalker} sends a NAR: framing bytes, and each file's contents by reference. */
interface NarSink {
  /** The next {@code len} framing bytes of the NAR. */
  void raw(byte[] b, int off, int len) throws IOException;

  /** The next {@code file.size()} bytes of the NAR are the file's contents (padding follows). */
  void contents(FileNode file) throws IOException;

  /** Whether the sink wants no more bytes; the walker then stops early. */
  default boolean done() {
    return false;
  }
}
