package dev.tvixstore.ejb.gc;

/** Where a GC run stands. */
public enum GcState {
  /** Running now. */
  RUNNING,
  /** Finished; what it freed is final. */
  SUCCEEDED,
  /** Stopped by an error, recorded with the run; the next run finishes the job. */
  FAILED,
  /** Its JVM ended while it ran (crash, kill, restart); the next run finishes the job. */
  INTERRUPTED
}
