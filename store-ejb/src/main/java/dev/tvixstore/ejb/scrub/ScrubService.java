package dev.tvixstore.ejb.scrub;

import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.config.StoreConfig;
import dev.tvixstore.ejb.persistence.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The scrub of the application's store, for the admin API: starts runs in the background on the
 * container's executor, one at a time, rate-limited by {@value ScrubSettings#RATE}, and reads
 * their record. Stopping the application cancels a running scrub.
 */
@ApplicationScoped
public class ScrubService {
  private static final long STOP_WAIT_MILLIS = 10_000;

  @Inject private StoreConfig config;

  @Inject private Transactions transactions;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService executor;

  private ChunkFileStore chunks;
  private ScrubRunLog log;
  private ScrubRunner runner;

  @PostConstruct
  void init() {
    Config mp = ConfigProvider.getConfig();
    ScrubSettings settings = ScrubSettings.load(key -> mp.getOptionalValue(key, String.class));
    // Its own reader of the chunk files: the blob service keeps its store to itself. fsync is
    // irrelevant, this one never writes.
    chunks = new ChunkFileStore(config.dataDir(),
        new ChunkFileStore.Options(config.zstdLevel(), false, ChunkScrub.MAX_CHUNK));
    log = new ScrubRunLog(transactions);
    Scrub scrub = new Scrub(transactions, chunks, new Quarantine(config.dataDir(), chunks), log,
        Clock.systemUTC());
    runner = new ScrubRunner(scrub, executor, settings, RateLimiter.SYSTEM, Clock.systemUTC());
  }

  /**
   * Starts a scrub in the background unless one runs.
   *
   * @param rateBytesPerSecond this run's rate (0: unlimited); empty takes the configured one
   */
  public ScrubRunner.Start start(OptionalLong rateBytesPerSecond) {
    return runner.start(rateBytesPerSecond);
  }

  /** Whether this server is scrubbing now (a RUNNING record may be a dead JVM's). */
  public boolean isRunning() {
    return runner.running().isPresent();
  }

  /** The latest runs, newest first. */
  public List<ScrubRun> runs(int limit) {
    return log.runs(limit);
  }

  /** One run; empty if unknown. */
  public Optional<ScrubRun> run(long id) {
    return log.run(id);
  }

  /** What a run found, with the store paths each damaged object breaks. */
  public List<ScrubDamage> damage(long id) {
    return log.damage(id);
  }

  /** The first {@code limit} objects a run found damaged, with the store paths each breaks. */
  public List<ScrubDamage> damage(long id, int limit) {
    return log.damage(id, limit);
  }

  @PreDestroy
  void stop() {
    runner.cancel();
    try {
      runner.awaitIdle(STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    chunks.close();
  }
}
