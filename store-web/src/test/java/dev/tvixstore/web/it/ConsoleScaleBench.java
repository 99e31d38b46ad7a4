package dev.tvixstore.web.it;

import dev.tvixstore.ejb.persistence.SchemaMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console over 100 000 paths, measured in the browser; not a test (run it by hand from
 * store-web after {@code mvn verify}: {@code ConsoleScaleBench [paths]}). Fills the embedded H2
 * of a fresh data dir with synthetic path metadata (as the server's own migrations create it),
 * starts the jar on it, signs in and times the paths page until its first row shows (opened as a
 * page load, and from the side nav as a signed-in user gets there), and a search.
 */
public final class ConsoleScaleBench {
  private ConsoleScaleBench() {}

  public static void main(String[] args) throws Exception {
    int paths = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path data = Files.createTempDirectory("console-scale");
    long t0 = System.nanoTime();
    fill(data, paths);
    System.out.printf("filled %d paths in %.1f s%n", paths, (System.nanoTime() - t0) / 1e9);
    try (RunningStore store = RunningStore.start("console-scale", data, Map.of())) {
      WebDriver driver = new ChromeDriver(Browsers.headlessChromium());
      try {
        ConsolePages.signIn(driver, store);
        for (int i = 0; i < 4; i++) {
          long t = System.nanoTime();
          driver.get(ConsolePages.base(store) + "/admin/paths");
          ConsolePages.waiting(driver).until(
              ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.path-link")));
          String size = driver.findElement(By.id("paths-grid")).getDomProperty("size");
          System.out.printf("paths page load %d: first row visible after %d ms (grid size %s)%n",
              i, (System.nanoTime() - t) / 1_000_000, size);
        }
        ConsolePages.screenshot(driver, "console-paths-100k");
        // What a signed-in user does: the side nav from another page, no page load.
        for (int i = 0; i < 4; i++) {
          ConsolePages.click(driver, driver.findElement(By.id("nav-dashboard")));
          ConsolePages.waiting(driver).until(
              ExpectedConditions.presenceOfElementLocated(By.id("count-paths")));
          long t = System.nanoTime();
          ConsolePages.click(driver, driver.findElement(By.id("nav-paths")));
          ConsolePages.waiting(driver).until(
              ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.path-link")));
          System.out.printf("paths page from the side nav %d: first row visible after %d ms%n",
              i, (System.nanoTime() - t) / 1_000_000);
        }
        String query = "tool-4243";
        long hits = 0;
        for (int p = 0; p < paths; p++) {
          hits += name(p).contains(query) ? 1 : 0;
        }
        long t = System.nanoTime();
        driver.findElement(By.cssSelector("#search input")).sendKeys(query);
        ConsolePages.waiting(driver).until(ExpectedConditions.domPropertyToBe(
            driver.findElement(By.id("paths-grid")), "size", Long.toString(hits)));
        System.out.printf("search '%s' (%d hits) shown after %d ms, including the lazy search"
            + " field's typing pause%n", query, hits, (System.nanoTime() - t) / 1_000_000);
      } finally {
        driver.quit();
      }
    }
  }

  private static String name(int p) {
    return (p % 3 == 0 ? "lib-" : p % 3 == 1 ? "tool-" : "doc-") + p;
  }

  private static void fill(Path data, int paths) throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + data.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE");
    ds.setUser("sa");
    ds.setPassword("tvix-store");
    new SchemaMigrator(ds, ConsoleScaleBench.class.getClassLoader()).migrate();
    Random r = new Random(1);
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement pi = c.prepareStatement("INSERT INTO path_info (digest, name,"
          + " root_node, nar_size, nar_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int p = 0; p < paths; p++) {
          byte[] digest = new byte[20];
          r.nextBytes(digest);
          byte[] sha = new byte[32];
          r.nextBytes(sha);
          pi.setBytes(1, digest);
          pi.setString(2, name(p));
          // A symlink root node (field 3 of Node: name empty, target "x"): needs no castore data.
          pi.setBytes(3, new byte[] {0x1a, 0x03, 0x12, 0x01, 'x'});
          pi.setLong(4, 1 + r.nextInt(50_000_000));
          pi.setBytes(5, sha);
          pi.setObject(6, start.plusSeconds(315L * p).atOffset(ZoneOffset.UTC));
          pi.addBatch();
          if ((p + 1) % 2000 == 0 || p == paths - 1) {
            pi.executeBatch();
            c.commit();
          }
        }
      }
      c.createStatement().execute("SHUTDOWN");
    }
  }
}
