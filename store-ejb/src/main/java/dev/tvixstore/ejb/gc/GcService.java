package dev.tvixstore.ejb.gc;

import dev.tvixstore.ejb.blob.ChunkFileStore;
import dev.tvixstore.ejb.blob.GcEnded;
import dev.tvixstore.ejb.blob.GcStarting;
import dev.tvixstore.ejb.config.StoreConfig;
import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.store.StorePath;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * The GC facade of the server: starts runs in the background (one at a time), reads their
 * record, deletes and pins paths. Reads {@code tvix.store.gc.grace} at deployment, so a bad value
 * fails the start.
 *
 * <p>For the crash ITs only: the system property {@value #HALT_AT} (or the environment variable
 * {@value #HALT_AT_ENV}) names a {@link GcHooks} point
 * (e.g. {@code before:SWEEP_CHUNKS}) at which the JVM halts at once, as kill -9 would.
 */
@Startup
@Singleton
@DependsOn("DbMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GcService {
  /** Test-only: halt the JVM at this hook point. */
  public static final String HALT_AT = "tvix.store.gc.test.halt-at";

  /** {@link #HALT_AT} as an environment variable. */
  public static final String HALT_AT_ENV = "TVIX_STORE_GC_TEST_HALT_AT";

  private static final Logger LOG = Logger.getLogger(GcService.class.getName());

  @Inject private StoreConfig config;
  @Inject private Transactions transactions;
  @Inject private Event<GcStarting> gcStarting;
  @Inject private Event<GcEnded> gcEnded;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService executor;

  private ChunkFileStore chunks;
  private GarbageCollector collector;
  private PathDeleter deleter;

  @PostConstruct
  void init() {
    // GC neither writes nor decodes chunks: the options do not matter, the directory does.
    chunks = new ChunkFileStore(config.dataDir(), ChunkFileStore.Options.defaults());
    collector =
        new GarbageCollector(
            transactions, chunks, config.gcGrace(), Clock.systemUTC(), haltHook());
    deleter = new PathDeleter(transactions);
    LOG.info(() -> "GC grace period " + config.gcGrace());
  }

  private static GcHooks haltHook() {
    String at = System.getProperty(HALT_AT, System.getenv(HALT_AT_ENV));
    if (at == null || at.isBlank()) {
      return GcHooks.NONE;
    }
    return point -> {
      if (point.equals(at)) {
        LOG.warning(() -> "halting at GC point " + point + " (" + HALT_AT + ")");
        Runtime.getRuntime().halt(99);
      }
    };
  }

  @PreDestroy
  void close() {
    chunks.close();
  }

  /**
   * Starts a run in the background.
   *
   * @return the run's id
   * @throws GcBusyException if one is running
   */
  public long start(boolean dryRun) {
    // Before the cutoff is fixed: from here to the end nothing answers from a cache that could
    // hold what this run deletes (ejb.blob.CachingBlobCatalog).
    gcStarting.fire(new GcStarting());
    GarbageCollector.Prepared run;
    try {
      run = collector.prepare(dryRun);
    } catch (RuntimeException e) {
      gcEnded.fire(new GcEnded());
      throw e;
    }
    try {
      executor.execute(
          () -> {
            try {
              collector.execute(run);
            } finally {
              gcEnded.fire(new GcEnded());
            }
          });
    } catch (RuntimeException e) {
      collector.abandon(run, "not started: " + e);
      gcEnded.fire(new GcEnded());
      throw e;
    }
    return run.id();
  }

  /**
   * A recorded run.
   *
   * @throws NotFoundException if there is no such run
   */
  public GcRun run(long id) {
    return collector.get(id).orElseThrow(() -> new NotFoundException("no GC run " + id));
  }

  /** Whether a run of this server is going (a RUNNING record of a dead one is not). */
  public boolean isRunning() {
    return collector.isRunning();
  }

  /** The newest runs, newest first. */
  public List<GcRun> runs(int limit) {
    return collector.latest(limit);
  }

  /** {@link PathDeleter#delete}. */
  public List<String> delete(StorePath path, boolean withReferrers) {
    return deleter.delete(path, withReferrers);
  }

  /** {@link PathDeleter#pin}. */
  public boolean pin(StorePath path) {
    return deleter.pin(path);
  }

  /** {@link PathDeleter#unpin}. */
  public boolean unpin(StorePath path) {
    return deleter.unpin(path);
  }

  /** {@link PathDeleter#pins}. */
  public List<String> pins() {
    return deleter.pins();
  }
}
