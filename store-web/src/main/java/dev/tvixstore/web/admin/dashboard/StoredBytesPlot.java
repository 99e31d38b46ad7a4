package dev.tvixstore.web.admin.dashboard;

import dev.tvixstore.ejb.stats.StatsSample;
import dev.tvixstore.web.admin.Figures;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Draws stored bytes on disk (and logical NAR bytes, for comparison) over time as a small SVG:
 * two polylines over a shared axis from 0 to the largest value. Pure: samples in, markup out.
 */
final class StoredBytesPlot {
  static final int WIDTH = 640;
  static final int HEIGHT = 200;
  private static final int LEFT = 10;
  private static final int TOP = 24;
  private static final int BOTTOM = 22;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private StoredBytesPlot() {}

  /** The plot of {@code samples} (oldest first); a note instead of lines when fewer than two. */
  static String svg(List<StatsSample> samples) {
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\">");
    s.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" fill=\"none\" stroke=\"#ccc\"/>");
    if (samples.size() < 2) {
      s.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT / 2)
          .append("\">Not enough samples yet: one is taken every 5 minutes.</text></svg>");
      return s.toString();
    }
    long max = 1;
    for (StatsSample x : samples) {
      max = Math.max(max, Math.max(x.storedBytes(), x.narBytes()));
    }
    long t0 = samples.getFirst().sampledAt().toEpochMilli();
    long span = Math.max(1, samples.getLast().sampledAt().toEpochMilli() - t0);
    line(s, samples, StatsSample::narBytes, "#9aa5b1", max, t0, span);
    line(s, samples, StatsSample::storedBytes, "#1676f3", max, t0, span);
    s.append("<text x=\"").append(LEFT).append("\" y=\"14\">max ").append(Figures.bytes(max))
        .append(" · <tspan fill=\"#1676f3\">stored on disk</tspan> · ")
        .append("<tspan fill=\"#9aa5b1\">logical (NAR)</tspan></text>");
    s.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 6).append("\">")
        .append(TIME.format(samples.getFirst().sampledAt())).append("</text>");
    s.append("<text x=\"").append(WIDTH - LEFT).append("\" y=\"").append(HEIGHT - 6)
        .append("\" text-anchor=\"end\">").append(TIME.format(samples.getLast().sampledAt()))
        .append(" UTC</text></svg>");
    return s.toString();
  }

  private static void line(StringBuilder s, List<StatsSample> samples,
      ToLongFunction<StatsSample> value, String colour, long max, long t0, long span) {
    double w = WIDTH - 2.0 * LEFT;
    double h = HEIGHT - TOP - BOTTOM;
    s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
        .append("\" points=\"");
    for (StatsSample x : samples) {
      double px = LEFT + w * (x.sampledAt().toEpochMilli() - t0) / span;
      double py = TOP + h - h * value.applyAsLong(x) / max;
      s.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
    }
    s.setLength(s.length() - 1);
    s.append("\"/>");
  }
}
