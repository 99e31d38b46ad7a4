package dev.tvixstore.ejb.scrub;

import java.util.List;

/** What the phases of a scrub report to the run: findings, and the end of each batch. */
interface ScrubListener {
  /** Damage found in the batch being checked. */
  void found(List<Damage> damage);

  /**
   * A batch is done: the progress is recorded, and the run stops here if it was cancelled.
   *
   * @throws java.util.concurrent.CancellationException if the run is to stop
   */
  void batchDone();
}
