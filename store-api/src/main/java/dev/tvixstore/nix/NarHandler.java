package dev.tvixstore.nix;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.castore.Directory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the pieces of a NAR as {@link NarReader} parses it: typically puts blobs and
 * directories into a store.
 */
public interface NarHandler {
  /**
   * One regular file. {@code contents} yields exactly {@code size} bytes and must not be used after
   * this method returns; what the handler leaves unread the reader skips. Closing it does not close
   * the NAR stream. If the NAR ends early, reading throws {@link InvalidNarException} ({@code
   * TRUNCATED}); a handler should let it propagate.
   *
   * @return the BLAKE3 digest of the contents; the reader trusts it
   */
  B3Digest file(InputStream contents, long size, boolean executable) throws IOException;

  /**
   * One finished directory. Called children before parents, the root directory last, once per
   * directory in the NAR (two identical subdirectories give two calls with equal values).
   */
  void directory(Directory directory) throws IOException;
}
