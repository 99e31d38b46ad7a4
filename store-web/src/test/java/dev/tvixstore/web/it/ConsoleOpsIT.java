package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import dev.tvixstore.castore.B3Digest;
import dev.tvixstore.nix.Nixbase32;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's operations pages (issues 8 and 9) in headless Chromium against the running jar,
 * with access control on: a GC dry run and a collection whose figures match the admin API's run
 * record; a scrub that lists a corrupted chunk with the path it breaks; a token created in the
 * page that uploads, then is revoked in the page and refused within a second. Screenshots of
 * each page go to {@code target/screenshots/}.
 */
class ConsoleOpsIT {
  private static final Duration UI_WAIT = Duration.ofSeconds(60);
  private static final Path SHOTS = Path.of("target/screenshots");

  @TempDir static Path tmp;
  private static RunningStore store;
  private static WebDriver driver;
  private static Nix nix;
  private static final List<String> added = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Nix.requireInstalled();
    nix = new Nix(tmp.resolve("nix-client"));
    store = RunningStore.start("console-ops", tmp.resolve("data"), Map.of(
        "TVIX_STORE_AUTH_ANONYMOUS_WRITES", "false", "TVIX_STORE_GC_GRACE", "PT0S"));
    Files.createDirectories(SHOTS);
    driver = new ChromeDriver(Browsers.headlessChromium());
    driver.manage().window().setSize(new Dimension(1400, 1600));
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (store != null) {
      store.close();
    }
    for (String p : added) {
      nix.run("nix-store", "--delete", p);
    }
  }

  /** Every page is reached through here: the one place that knows how to get into the console. */
  private void open(WebDriver d, String path) throws IOException {
    ConsolePages.openSignedIn(d, store, path);
  }

  @Test
  void gcDryRunAndCollectionShowProgressAndTheFiguresOfTheRunRecord() throws Exception {
    String doomed = addAndUpload("gc", 2 << 20, 11);
    String basename = doomed.substring("/nix/store/".length());
    assertEquals(200, admin("DELETE", "/admin/api/paths/" + basename).statusCode());

    open(driver, "gc");
    click("gc-dry-run");
    JsonObject dry = finishedRun("dry run");
    assertTrue(dry.getAsJsonObject("freed").get("chunks").getAsLong() > 0, dry.toString());
    screenshot("gc-dry-run");

    click("gc-run");
    JsonObject collected = finishedRun("collection");
    for (String what : List.of("directories", "blobs", "chunks", "chunkBytes")) {
      assertEquals(dry.getAsJsonObject("freed").get(what), collected.getAsJsonObject("freed")
          .get(what), what + " the dry run counted and the collection freed");
    }
    String history = gridText("gc-history");
    assertTrue(history.contains("dry run") && history.contains("collection"), history);
    screenshot("gc");
  }

  /** Waits for the followed run to end in the page, checks it against the API; its record. */
  private JsonObject finishedRun(String kind) throws Exception {
    var wait = new WebDriverWait(driver, UI_WAIT);
    wait.until(ExpectedConditions.textToBe(By.id("gc-result-kind"), kind));
    wait.until(ExpectedConditions.textToBe(By.id("gc-progress-step"), "succeeded"));
    assertEquals("1", driver.findElement(By.id("gc-progress")).getDomProperty("value"));
    long id = Long.parseLong(text("gc-result-run"));
    HttpResponse<String> r = admin("GET", "/admin/api/gc/runs/" + id);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject run = JsonParser.parseString(r.body()).getAsJsonObject();
    assertEquals("SUCCEEDED", run.get("state").getAsString());
    JsonObject freed = run.getAsJsonObject("freed");
    Map<String, String> shown = Map.of(
        "gc-result-directories", "directories", "gc-result-blobs", "blobs",
        "gc-result-chunks", "chunks", "gc-result-chunk-bytes", "chunkBytes",
        "gc-result-orphan-files", "orphanFiles", "gc-result-uploads", "uploads",
        "gc-result-bytes", "bytes");
    shown.forEach((elementId, field) -> assertEquals(freed.get(field).getAsLong(),
        Long.parseLong(text(elementId).split(" ")[0]), elementId + " vs " + run));
    assertTrue(text("gc-summary").startsWith(kind.equals("dry run") ? "would free " : "freed "));
    return run;
  }

  @Test
  void scrubShowsProgressThenTheDamagedChunkAndThePathItBreaks() throws Exception {
    byte[] content = new byte[4 << 20];
    String victim = addAndUpload("scrub", content, 22);
    List<String> chunks;
    try (CastoreClient castore = new CastoreClient(store.grpcPort())) {
      chunks = castore.stat(ByteString.copyFrom(B3Digest.hash(content).toBytes()), true)
          .getChunksList().stream()
          .map(c -> HexFormat.of().formatHex(c.getDigest().toByteArray()))
          .toList();
    }
    assertTrue(chunks.size() > 2, "a 4 MiB random file is several chunks: " + chunks);
    String corrupt = chunks.get(1);
    Path file = tmp.resolve("data/chunks").resolve(corrupt.substring(0, 2)).resolve(corrupt);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file, bytes);

    open(driver, "integrity");
    // 1 MiB/s over the store's 4+ MiB: seconds long, long enough to watch it run.
    input("scrub-rate").sendKeys("1");
    click("scrub-start");
    var wait = new WebDriverWait(driver, UI_WAIT);
    wait.until(ExpectedConditions.textToBe(By.id("scrub-state"), "running"));
    assertTrue(text("scrub-progress-step").startsWith("checking "), text("scrub-progress-step"));
    screenshot("integrity-running");
    wait.until(ExpectedConditions.textToBe(By.id("scrub-state"), "damaged"));
    wait.until(d -> gridText("scrub-damage").contains(corrupt));
    String damage = gridText("scrub-damage");
    assertTrue(damage.contains("chunk") && damage.contains("corrupt"), damage);
    assertTrue(damage.contains(victim), damage);
    assertTrue(text("scrub-damage-caption").matches("Scrub \\d+ found 1 damaged object\\."),
        text("scrub-damage-caption"));
    assertTrue(gridText("scrub-history").contains("damaged"), gridText("scrub-history"));
    screenshot("integrity");

    // One at a time: a scrub started elsewhere (the API) refuses the page's, which says so and
    // follows the running one instead.
    HttpResponse<String> other = admin("POST", "/admin/api/scrub?rate=1");
    assertEquals(202, other.statusCode(), other.body());
    long otherId = JsonParser.parseString(other.body()).getAsJsonObject().get("id").getAsLong();
    click("scrub-start");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice-error"),
        "A scrub is already running (run " + otherId + ")"));
    wait.until(ExpectedConditions.textToBe(By.id("scrub-progress-title"), "Scrub " + otherId));
    wait.until(ExpectedConditions.textToBe(By.id("scrub-state"), "damaged"));
  }

  @Test
  void aTokenMadeInThePageUploadsUntilRevokedInThePage() throws Exception {
    Path file = tmp.resolve("token-probe.txt");
    Files.writeString(file, NixCacheIT.tag("token-probe"));
    byte[] nar = dump(file);
    String narUrl = "/nar/" + Nixbase32.encode(MessageDigest.getInstance("SHA-256").digest(nar))
        + ".nar";

    open(driver, "tokens");
    input("token-name").sendKeys("console-ci");
    for (WebElement box : driver.findElements(By.cssSelector("#token-scopes vaadin-checkbox"))) {
      if (box.getText().strip().equals("write")) {
        box.findElement(By.tagName("input")).click();
      }
    }
    click("token-create");
    var wait = new WebDriverWait(driver, UI_WAIT);
    WebElement secretField = wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#token-secret input")));
    String secret = secretField.getDomProperty("value");
    assertTrue(secret != null && secret.length() > 20, "secret shown: " + secret);
    screenshot("tokens-secret");
    click("token-secret-done");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("token-secret")));
    assertTrue(!driver.getPageSource().contains(secret), "the secret is gone from the page");

    assertEquals(204, putNar(narUrl, nar, secret).statusCode(), "a write with the new token");
    long id = tokenId("console-ci");
    wait.until(d -> gridText("tokens").contains("console-ci"));
    click("revoke-" + id);
    WebElement confirm = wait.until(
        ExpectedConditions.elementToBeClickable(By.id("token-revoke-confirm")));
    confirm.click();
    long clicked = System.nanoTime();
    int status;
    do {
      status = putNar(narUrl, nar, secret).statusCode();
    } while (status != 401 && System.nanoTime() - clicked < 1_000_000_000L);
    long millis = (System.nanoTime() - clicked) / 1_000_000;
    assertEquals(401, status, "refused within one second of the confirmation (" + millis + " ms)");
    System.out.println("ConsoleOpsIT: revoked token refused " + millis + " ms after the click");
    wait.until(d -> gridText("tokens").contains("revoked"));
    screenshot("tokens");
  }

  /** {@code nix-store --dump}: the NAR of {@code file}, bytes as they are. */
  private static byte[] dump(Path file) throws Exception {
    Process p = new ProcessBuilder("nix-store", "--dump", file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] nar = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue());
    return nar;
  }

  private HttpResponse<String> putNar(String url, byte[] nar, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + url))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/x-nix-nar")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(nar)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long tokenId(String name) throws Exception {
    HttpResponse<String> r = admin("GET", "/admin/api/tokens");
    for (var t : JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("tokens")) {
      if (t.getAsJsonObject().get("name").getAsString().equals(name)) {
        return t.getAsJsonObject().get("id").getAsLong();
      }
    }
    throw new AssertionError("no token " + name + " in " + r.body());
  }

  private HttpResponse<String> admin(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + store.adminToken())
            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String base() {
    return "http://127.0.0.1:" + store.httpPort();
  }

  private String addAndUpload(String what, int size, long seed) throws Exception {
    return addAndUpload(what, new byte[size], seed);
  }

  /** Fills {@code content} from {@code seed}, adds it as a store path, uploads it with Nix. */
  private String addAndUpload(String what, byte[] content, long seed) throws Exception {
    String tag = NixCacheIT.tag(what);
    new Random(seed ^ tag.hashCode()).nextBytes(content);
    Path dir = Files.createDirectories(tmp.resolve(tag));
    Files.write(dir.resolve("file.bin"), content);
    String path = nix.ok("nix-store", "--add", dir.toString());
    added.add(path);
    Path netrc = tmp.resolve("netrc");
    Files.writeString(netrc, "machine 127.0.0.1\nlogin admin\npassword " + store.adminToken()
        + "\n");
    Nix.Result up = nix.run("nix", "copy", "--to", base() + "?compression=none", "--option",
        "netrc-file", netrc.toString(), path);
    assertEquals(0, up.exit(), up.toString());
    return path;
  }

  private void click(String id) {
    new WebDriverWait(driver, UI_WAIT)
        .until(ExpectedConditions.elementToBeClickable(By.id(id)))
        .click();
  }

  /** The native input inside Vaadin field {@code id}, once the page shows it. */
  private WebElement input(String id) {
    return new WebDriverWait(driver, UI_WAIT).until(
        ExpectedConditions.elementToBeClickable(By.cssSelector("#" + id + " input")));
  }

  private String text(String id) {
    return new WebDriverWait(driver, UI_WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)))
        .getText();
  }

  /** The text of a grid's rendered cells (they are light DOM, slotted into the grid). */
  private String gridText(String id) {
    Set<String> cells = new LinkedHashSet<>();
    for (WebElement cell :
        driver.findElements(By.cssSelector("#" + id + " vaadin-grid-cell-content"))) {
      cells.add(cell.getDomProperty("textContent"));
    }
    return cells.stream().collect(Collectors.joining(" | "));
  }

  private void screenshot(String name) throws Exception {
    byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve("console-" + name + ".png"), png);
    assertTrue(png.length > 1000);
  }
}
