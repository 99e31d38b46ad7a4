package dev.tvixstore.ejb.scrub;

import java.time.Instant;
import java.util.Objects;

/**
 * A scrub run as recorded: what it is doing or how it ended, and its counts.
 *
 * @param state {@code running}, {@code clean}, {@code damaged} (damage found), {@code failed}
 *     (stopped by an error, or objects that could not be checked), {@code cancelled} or {@code
 *     interrupted} (the process stopped under it)
 * @param phase {@code chunks}, {@code blobs}, {@code directories}, {@code paths} or {@code done}
 * @param finishedAt null while running
 * @param rateBytesPerSecond the limit it ran at, 0 for none
 * @param error the error that stopped it or the last object that could not be checked; null if
 *     none
 */
public record ScrubRun(
    long id,
    String state,
    String phase,
    Instant startedAt,
    Instant finishedAt,
    long rateBytesPerSecond,
    long chunksTotal,
    long chunksDone,
    long chunkBytes,
    long blobsTotal,
    long blobsDone,
    long directoriesTotal,
    long directoriesDone,
    long damageCount,
    long errorCount,
    String error) {
  public static final String RUNNING = "running";
  public static final String CLEAN = "clean";
  public static final String DAMAGED = "damaged";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
  public static final String INTERRUPTED = "interrupted";

  /** Checks presence. */
  public ScrubRun {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** Whether it still runs. */
  public boolean running() {
    return RUNNING.equals(state);
  }
}
