package dev.tvixstore.web.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code java -jar tvix-store.jar admin --url <store> ...} as an operator runs it. */
final class AdminCommandLine {
  /** How a run of the command line ended. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private static int runs;

  private AdminCommandLine() {}

  /** Runs against {@code store} with the admin token it wrote at its first start. */
  static synchronized Result run(RunningStore store, String... args)
      throws IOException, InterruptedException {
    List<String> all =
        new ArrayList<>(
            List.of(
                "admin",
                "--url",
                "http://127.0.0.1:" + store.httpPort(),
                "--token-file",
                store.adminTokenFile().toString()));
    all.addAll(List.of(args));
    LauncherProcess p =
        LauncherProcess.start("admin-" + (++runs), Map.of(), all.toArray(String[]::new));
    try {
      int exit = p.exitCode(Duration.ofMinutes(5));
      return new Result(exit, p.stdout(), p.stderr());
    } finally {
      p.close();
    }
  }
}
