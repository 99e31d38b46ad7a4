package dev.tvixstore.ejb.stats;

/**
 * NAR downloads served since this process started: an in-memory counter kept by the web tier
 * (this module knows nothing of HTTP). {@link StatsSampler} flushes its growth with each sample.
 */
public interface DownloadCount {

  /** Downloads since start; never decreases. */
  long total();
}
