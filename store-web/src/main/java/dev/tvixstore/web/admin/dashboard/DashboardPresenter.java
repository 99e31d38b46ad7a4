package dev.tvixstore.web.admin.dashboard;

import dev.tvixstore.ejb.persistence.Transactions;
import dev.tvixstore.ejb.stats.StatsSample;
import dev.tvixstore.ejb.stats.StatsSampler;
import dev.tvixstore.ejb.stats.StatsSamples;
import dev.tvixstore.web.admin.Figures;
import dev.tvixstore.web.admin.status.StatusRow;
import dev.tvixstore.web.cache.CacheSigningKeys;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what the dashboard shows beyond the status rows: byte totals and ratios, traffic of the
 * last hour and day, the plot of stored bytes and the {@code nix.conf} lines for this cache.
 */
public final class DashboardPresenter {
  private static final Logger LOG = Logger.getLogger(DashboardPresenter.class.getName());

  /** How far back the plot reaches, and how many points it draws at most. */
  static final Duration PLOT_SPAN = Duration.ofDays(7);

  static final int PLOT_POINTS = 200;

  /** Where the figures come from: the database and the in-memory download counter. */
  public interface Source {
    StatsSample measure(Instant at);

    List<StatsSample> history(Instant since, int max);

    long pathsStoredSince(Instant since);

    long narsServedSince(Instant since);
  }

  /**
   * What to show.
   *
   * @param rows labelled values, with stable ids
   * @param plot the SVG of stored bytes over time
   */
  public record Dashboard(List<StatusRow> rows, String plot) {}

  private final Source source;
  private final Supplier<List<String>> publicKeys;
  private final Clock clock;

  public DashboardPresenter(Source source, Supplier<List<String>> publicKeys, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.publicKeys = Objects.requireNonNull(publicKeys, "publicKeys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The presenter wired to the deployed services. */
  public static DashboardPresenter fromContainer() {
    StatsSamples samples = new StatsSamples(CDI.current().select(Transactions.class).get());
    StatsSampler sampler = CDI.current().select(StatsSampler.class).get();
    CacheSigningKeys keys = CDI.current().select(CacheSigningKeys.class).get();
    Source source = new Source() {
      @Override
      public StatsSample measure(Instant at) {
        return samples.measure(at);
      }

      @Override
      public List<StatsSample> history(Instant since, int max) {
        return samples.since(since, max);
      }

      @Override
      public long pathsStoredSince(Instant since) {
        return samples.pathsStoredSince(since);
      }

      @Override
      public long narsServedSince(Instant since) {
        return samples.narsServedSince(since) + sampler.pendingDownloads();
      }
    };
    return new DashboardPresenter(source, keys::publicKeys, Clock.systemUTC());
  }

  /** The figures now; a failing database read shows as one error row, not a broken page. */
  public Dashboard show() {
    Instant now = clock.instant();
    try {
      StatsSample s = source.measure(now);
      Instant hour = now.minus(Duration.ofHours(1));
      Instant day = now.minus(Duration.ofDays(1));
      List<StatusRow> rows = List.of(
          new StatusRow("logical-bytes", "Logical size (sum of NAR sizes)",
              Figures.exactBytes(s.narBytes())),
          new StatusRow("blob-bytes", "Unique blob bytes", Figures.exactBytes(s.blobBytes())),
          new StatusRow("chunk-bytes", "Unique chunk bytes", Figures.exactBytes(s.chunkBytes())),
          new StatusRow("stored-bytes", "Stored on disk (compressed chunks)",
              Figures.exactBytes(s.storedBytes())),
          new StatusRow("dedup-ratio", "Deduplication (logical / unique chunks)",
              ratio(s.dedupRatio())),
          new StatusRow("compression-ratio", "Compression (chunks / on disk)",
              ratio(s.compressionRatio())),
          new StatusRow("uploads-hour", "Paths uploaded, last hour",
              Long.toString(source.pathsStoredSince(hour))),
          new StatusRow("uploads-day", "Paths uploaded, last 24 hours",
              Long.toString(source.pathsStoredSince(day))),
          new StatusRow("downloads-hour", "NAR downloads, last hour",
              Long.toString(source.narsServedSince(hour))),
          new StatusRow("downloads-day", "NAR downloads, last 24 hours",
              Long.toString(source.narsServedSince(day))));
      List<StatsSample> history = new ArrayList<>(source.history(now.minus(PLOT_SPAN),
          PLOT_POINTS));
      history.add(s);
      return new Dashboard(rows, StoredBytesPlot.svg(history));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read store statistics", e);
      return new Dashboard(
          List.of(new StatusRow("dashboard-error", "Error",
              "cannot read store statistics: " + e.getMessage())),
          StoredBytesPlot.svg(List.of()));
    }
  }

  /**
   * The {@code nix.conf} lines that make a Nix client substitute from this cache.
   *
   * @param baseUrl the cache's URL as the browser reached it, e.g. {@code http://host:8080/}
   */
  public String nixConf(String baseUrl) {
    String url = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    return "substituters = " + url + "\ntrusted-public-keys = "
        + String.join(" ", publicKeys.get());
  }

  private static String ratio(double r) {
    return r == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", r);
  }
}
