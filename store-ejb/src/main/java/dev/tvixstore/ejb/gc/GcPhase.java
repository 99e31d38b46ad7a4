package dev.tvixstore.ejb.gc;

/** The steps of a GC run, in order; a dry run stops after {@link #COUNT}. */
public enum GcPhase {
  STARTING,
  /** directory_blob rows of directories stored before V4. */
  BACKFILL,
  /** Roots and what they reach. */
  MARK,
  /** Dry run: counting what the sweep would free. */
  COUNT,
  SWEEP_DIRECTORIES,
  SWEEP_BLOBS,
  SWEEP_CHUNKS,
  SWEEP_UPLOADS,
  /** Chunk files without a row, and trash left by an interrupted run. */
  SWEEP_FILES,
  DONE
}
