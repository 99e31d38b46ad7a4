package dev.tvixstore.ejb.scrub;

import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.persistence.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One scrub run, start to end, on the calling thread: chunks ({@link ChunkScrub}), blobs ({@link
 * BlobScrub}), directories ({@link DirectoryScrub}) and, when damage was found, the store paths it
 * breaks ({@link DamageTracer}). Damage is recorded as each batch finds it, progress after each
 * batch. A run that checked everything without an error resolves the damage earlier runs left
 * open, and deletes the quarantined files of chunks found healed.
 */
public final class Scrub {
  private static final Logger LOG = Logger.getLogger(Scrub.class.getName());

  /** Damage traced to store paths at most; beyond, the run says the list is cut. */
  static final int MAX_TRACED = 100_000;

  private final Transactions transactions;
  private final ChunkFileStore chunks;
  private final Quarantine quarantine;
  private final ScrubRunLog log;
  private final Clock clock;

  /** A scrub of the store these reach, recording in {@code log}. */
  public Scrub(Transactions transactions, ChunkFileStore chunks, Quarantine quarantine,
      ScrubRunLog log, Clock clock) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.chunks = Objects.requireNonNull(chunks, "chunks");
    this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The log runs are recorded in. */
  public ScrubRunLog log() {
    return log;
  }

  /**
   * Runs the scrub recorded as {@code run} ({@link ScrubRunLog#create}) to its end.
   *
   * @param cancelled asked after every batch; true stops the run as {@code cancelled}
   * @return the state it ended in
   */
  public String run(long run, RateLimiter rate, BooleanSupplier cancelled) {
    ScrubProgress progress = new ScrubProgress();
    List<Damage> found = new ArrayList<>();
    ScrubListener listener =
        new ScrubListener() {
          @Override
          public void found(List<Damage> damage) {
            log.addDamage(run, damage, clock.instant());
            progress.damageCount += damage.size();
            for (Damage d : damage) {
              if (found.size() < MAX_TRACED) {
                found.add(d);
              }
            }
          }

          @Override
          public void batchDone() {
            log.progress(run, progress);
            if (cancelled.getAsBoolean()) {
              throw new CancellationException("cancelled");
            }
          }
        };
    String state;
    String error = null;
    try {
      new ChunkScrub(transactions, chunks, quarantine, rate).run(progress, listener);
      new BlobScrub(transactions).run(progress, listener);
      DamageTracer tracer = new DamageTracer(transactions);
      Map<B3Digest, Set<Damage.Key>> blobCauses =
          found.isEmpty() ? Map.of() : tracer.blobCauses(found);
      Map<B3Digest, Set<Damage.Key>> dirCauses = new HashMap<>();
      new DirectoryScrub(transactions).run(progress, listener, blobCauses, dirCauses);
      if (!found.isEmpty()) {
        progress.phase = ScrubProgress.Phase.PATHS;
        listener.batchDone();
        tracer.addAncestors(dirCauses);
        Map<Damage.Key, SortedSet<String>> paths =
            tracer.paths(blobCauses, dirCauses, progress, listener);
        log.addPaths(run, paths);
      }
      if (progress.damageCount > found.size()) {
        progress.error("more than " + MAX_TRACED + " damaged objects: store paths are named for"
            + " the first " + MAX_TRACED + " only");
      }
      progress.phase = ScrubProgress.Phase.DONE;
      state = progress.damageCount > 0 ? ScrubRun.DAMAGED
          : progress.errorCount > 0 ? ScrubRun.FAILED : ScrubRun.CLEAN;
      if (progress.errorCount == 0) {
        // Everything was checked: what earlier runs found and this one did not is healed.
        for (B3Digest healed : log.resolveEarlier(run, clock.instant())) {
          quarantine.release(healed);
        }
      }
    } catch (CancellationException e) {
      state = ScrubRun.CANCELLED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state = ScrubRun.CANCELLED;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "tvix-store: scrub run " + run + " failed", e);
      state = ScrubRun.FAILED;
      error = e.toString();
    }
    log.finish(run, state, progress, error != null ? error : progress.lastError,
        clock.instant());
    return state;
  }
}
