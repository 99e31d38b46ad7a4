package dev.tvixstore.ejb.stats;

import dev.tvixstore.ejb.persistence.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records a {@link StatsSample} shortly after startup and every five minutes (non-persistent
 * timers: a missed sample is simply missing), with the NAR downloads counted in memory since the
 * previous one, and forgets samples older than {@link #KEEP}.
 */
@Startup
@Singleton
@DependsOn("DbMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StatsSampler {
  /** How long samples are kept: 90 days of 5-minute samples are about 26 000 rows. */
  static final Duration KEEP = Duration.ofDays(90);

  private static final Logger LOG = Logger.getLogger(StatsSampler.class.getName());

  @Inject private Transactions transactions;
  @Inject private Instance<DownloadCount> downloads;
  @Resource private TimerService timers;

  private final DownloadTally tally = new DownloadTally();
  private StatsSamples samples;

  @PostConstruct
  void init() {
    samples = new StatsSamples(transactions);
    // Not in here: measuring counts whole tables and would hold up the deployment.
    timers.createSingleActionTimer(2000, new TimerConfig("startup sample", false));
  }

  @Timeout
  void atStartup() {
    sample();
  }

  @Schedule(minute = "*/5", hour = "*", persistent = false)
  void every5Minutes() {
    sample();
  }

  /** Measures and records now; a failure is logged, the next sample tries again. */
  public void sample() {
    try {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      long downloaded = downloadTotal();
      StatsSample s = samples.measure(now).withNarsServed(tally.pending(downloaded));
      samples.record(s);
      tally.flushed(downloaded); // only now: a failed record leaves them to the next sample
      samples.deleteBefore(now.minus(KEEP));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "tvix-store: cannot record a statistics sample", e);
    }
  }

  /** NAR downloads counted since the last recorded sample. */
  public long pendingDownloads() {
    return tally.pending(downloadTotal());
  }

  private long downloadTotal() {
    return downloads.isResolvable() ? downloads.get().total() : 0;
  }
}
