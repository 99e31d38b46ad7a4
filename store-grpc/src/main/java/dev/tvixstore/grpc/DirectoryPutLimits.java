package dev.tvixstore.grpc;

import dev.tvixstore.error.LimitExceededException;

/**
 * How much one {@code DirectoryService.Put} stream may carry. The closure is checked as a whole at
 * the end (DESIGN §2), so the server keeps every directory of the stream until then: these limits
 * bound that memory. Over a limit the call ends with {@code RESOURCE_EXHAUSTED} and nothing is
 * stored.
 *
 * @param maxDirectories most messages in one stream
 * @param maxBytes most encoded bytes, all messages of one stream together
 */
public record DirectoryPutLimits(long maxDirectories, long maxBytes) {

  /** One million directories or 256 MiB, whichever comes first. */
  public static final DirectoryPutLimits DEFAULT = new DirectoryPutLimits(1_000_000, 256L << 20);

  /** Checks that both limits are positive. */
  public DirectoryPutLimits {
    if (maxDirectories < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "directory put limits must be positive: " + maxDirectories + " / " + maxBytes);
    }
  }

  /**
   * Checks a stream that has now carried {@code directories} messages of {@code bytes} in total.
   *
   * @throws LimitExceededException naming the limit that was passed
   */
  void check(long directories, long bytes) {
    if (directories > maxDirectories) {
      throw new LimitExceededException(
          "DirectoryService.Put: more than " + maxDirectories + " directories in one stream");
    }
    if (bytes > maxBytes) {
      throw new LimitExceededException(
          "DirectoryService.Put: more than " + maxBytes + " bytes of directories in one stream");
    }
  }
}
