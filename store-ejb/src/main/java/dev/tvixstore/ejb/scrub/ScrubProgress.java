package dev.tvixstore.ejb.scrub;

import java.util.Locale;

/** Where a running scrub is: its phase and counters. Owned by the scrub's one thread. */
final class ScrubProgress {
  /** The phases, in the order they run. */
  enum Phase {
    CHUNKS,
    BLOBS,
    DIRECTORIES,
    PATHS,
    DONE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  Phase phase = Phase.CHUNKS;
  long chunksTotal;
  long chunksDone;
  long chunkBytes;
  long blobsTotal;
  long blobsDone;
  long directoriesTotal;
  long directoriesDone;
  long damageCount;
  long errorCount;
  String lastError;

  /** Counts an object that could not be checked (an I/O error, not damage). */
  void error(String message) {
    errorCount++;
    lastError = message;
  }
}
