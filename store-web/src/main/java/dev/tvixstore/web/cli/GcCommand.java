package dev.tvixstore.web.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code admin gc [--dry-run]}: starts a run, prints progress until it ends, then a summary. */
final class GcCommand implements AdminCommand {
  private final long pollMillis;

  GcCommand(long pollMillis) {
    this.pollMillis = pollMillis;
  }

  @Override
  public String usage() {
    return "gc [--dry-run]";
  }

  @Override
  public int run(List<String> args, AdminClient client, PrintStream out) throws CliException {
    boolean dryRun = false;
    for (String a : args) {
      if (a.equals("--dry-run")) {
        dryRun = true;
      } else {
        throw new CliException(CliException.USAGE, "usage: admin " + usage());
      }
    }
    AdminClient.Reply started = client.post("gc?dryRun=" + dryRun);
    if (started.status() != 202) {
      throw new CliException(CliException.FAILED, started.error());
    }
    long id = ((Number) started.body().get("id")).longValue();
    out.println("GC run " + id + " started" + (dryRun ? " (dry run)" : ""));
    String last = "";
    while (true) {
      Map<String, Object> run = AdminCommand.ok(client.get("gc/runs/" + id)).body();
      String state = (String) run.get("state");
      String progress = progress(run);
      if (!progress.equals(last)) {
        out.println(progress);
        last = progress;
      }
      if (!state.equals("RUNNING")) {
        out.println(summary(run));
        if (!state.equals("SUCCEEDED")) {
          throw new CliException(CliException.FAILED,
              "GC run " + id + " " + state + ": " + run.getOrDefault("error", "no reason"));
        }
        return 0;
      }
      sleep();
    }
  }

  private static String progress(Map<String, Object> run) {
    long done = ((Number) run.get("done")).longValue();
    long total = ((Number) run.get("total")).longValue();
    return "  " + run.get("phase") + (done == 0 && total == 0 ? ""
        : " " + done + (total > 0 ? "/" + total : ""));
  }

  @SuppressWarnings("unchecked")
  static String summary(Map<String, Object> run) {
    Map<String, Object> f = (Map<String, Object>) run.get("freed");
    boolean dry = Boolean.TRUE.equals(run.get("dryRun"));
    return "GC run " + run.get("id") + " " + run.get("state") + ": "
        + (dry ? "would free " : "freed ")
        + f.get("directories") + " directories, " + f.get("blobs") + " blobs, "
        + f.get("chunks") + " chunks, " + f.get("orphanFiles") + " orphan files, "
        + f.get("uploads") + " upload records; " + bytes(((Number) f.get("bytes")).longValue());
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " bytes";
    }
    String units = "KMGTPE";
    int u = (63 - Long.numberOfLeadingZeros(n)) / 10;
    return String.format(java.util.Locale.ROOT, "%.1f %siB (%d bytes)",
        n / (double) (1L << (10 * u)), units.charAt(u - 1), n);
  }

  private void sleep() throws CliException {
    try {
      Thread.sleep(pollMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted");
    }
  }
}
