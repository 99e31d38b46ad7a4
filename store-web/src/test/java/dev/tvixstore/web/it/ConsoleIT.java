package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tvixstore.nix.Nixbase32;
import dev.tvixstore.store.StorePath;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin console in headless Chromium against the running jar, holding paths uploaded by real
 * Nix (issue 8): sign-in (and refusal), the dashboard's figures against the admin API, search,
 * a path's file browser and downloads, the NAR link against the narinfo's hash, and revocation
 * ending a signed-in session at the next navigation. Screenshots go to target/screenshots.
 */
class ConsoleIT {
  @TempDir static Path tmp;

  private static RunningStore store;
  private static Nix nix;
  private static NixPaths paths;
  private static String tag;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private WebDriver driver;

  @BeforeAll
  static void startWithUploadedPaths() throws Exception {
    Nix.requireInstalled();
    store = RunningStore.start("console", tmp.resolve("data"), Map.of());
    nix = new Nix(tmp.resolve("nix-home"));
    byte[] r = new byte[4];
    ThreadLocalRandom.current().nextBytes(r);
    tag = "tvix-it-console-" + HexFormat.of().formatHex(r);
    paths = NixPaths.make(nix, tmp, tag, 1 << 20);
    Nix.Result up = nix.copyTo(ConsolePages.base(store), paths.all());
    assertEquals(0, up.exit(), up.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (paths != null) {
      paths.delete(nix);
    }
    if (store != null) {
      store.close();
    }
  }

  @BeforeEach
  void browser() {
    driver = new ChromeDriver(Browsers.headlessChromium());
  }

  @AfterEach
  void quit() {
    driver.quit();
  }

  private static HttpResponse<String> api(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ConsolePages.base(store) + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String narInfo(String storePath) throws Exception {
    String hash = StorePath.parseAbsolute(storePath).hashPart();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create(ConsolePages.base(store) + "/" + hash + ".narinfo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  private static String field(String narInfo, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ": (.*)$").matcher(narInfo);
    assertTrue(m.find(), name + " in " + narInfo);
    return m.group(1);
  }

  private String text(String id) {
    return ConsolePages.waiting(driver)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
  }

  private static long leadingNumber(String text) {
    Matcher m = Pattern.compile("^(\\d+)").matcher(text);
    assertTrue(m.find(), text);
    return Long.parseLong(m.group(1));
  }

  @Test
  void withoutATokenEveryPageLeadsToTheLoginWhichOpensItAfterSignIn() throws Exception {
    ConsolePages.open(driver, store, "paths");
    ConsolePages.waiting(driver).until(ExpectedConditions.urlContains("/admin/login"));
    ConsolePages.submitToken(driver, ConsolePages.base(store), "tvs_not-a-token");
    ConsolePages.waiting(driver).until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("login-message"), "Refused"));
    assertTrue(text("login-message").contains("unknown token"), text("login-message"));
    assertTrue(driver.getCurrentUrl().endsWith("/admin/login"), driver.getCurrentUrl());
    ConsolePages.screenshot(driver, "console-login-refused");

    // The right token then opens the page that was asked for, not the dashboard.
    ConsolePages.open(driver, store, "gc");
    ConsolePages.waiting(driver).until(ExpectedConditions.urlContains("/admin/login?next=gc"));
    ConsolePages.typeToken(driver, store.adminToken());
    ConsolePages.waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("gc-run")));
    assertTrue(driver.getCurrentUrl().endsWith("/admin/gc"), driver.getCurrentUrl());
  }

  @Test
  void dashboardShowsWhatTheDatabaseHolds() throws Exception {
    ConsolePages.signIn(driver, store);
    ConsolePages.open(driver, store, "");
    text("count-paths");
    JsonObject stats = JsonParser.parseString(
        api("GET", "/admin/api/stats", store.adminToken(), null).body()).getAsJsonObject();
    for (String n : List.of("paths", "directories", "blobs", "chunks")) {
      assertEquals(stats.get(n).getAsLong(), Long.parseLong(text("count-" + n)), n);
    }
    long narBytes = 0;
    for (String p : paths.all()) {
      narBytes += Long.parseLong(field(narInfo(p), "NarSize"));
    }
    assertEquals(narBytes, leadingNumber(text("logical-bytes")));
    // Everything stored was uploaded by this class within the hour.
    assertEquals(stats.get("paths").getAsLong(), Long.parseLong(text("uploads-hour")));
    assertTrue(leadingNumber(text("stored-bytes")) > 0);
    assertTrue(text("dedup-ratio").endsWith("×"), text("dedup-ratio"));
    String conf = text("nix-conf");
    assertTrue(conf.startsWith("substituters = " + ConsolePages.base(store) + "/\n"), conf);
    String keyName = field(narInfo(paths.built()), "Sig").split(":")[0];
    assertTrue(conf.contains("trusted-public-keys = " + keyName + ":"), conf);
    String plot = driver.findElement(By.id("stored-plot")).getDomProperty("outerHTML");
    assertTrue(plot.contains("<svg") && plot.contains("<polyline"), plot);
    ConsolePages.screenshot(driver, "console-dashboard");
  }

  @Test
  void findsAPathBrowsesItsTreeAndDownloadsAFileAndTheNar() throws Exception {
    ConsolePages.signIn(driver, store);
    ConsolePages.open(driver, store, "paths");
    String tree = StorePath.parseAbsolute(paths.tree()).toBasename();
    WebElement search = ConsolePages.waiting(driver).until(
        ExpectedConditions.elementToBeClickable(By.cssSelector("#search input")));
    search.sendKeys(tag + "-tree");
    By link = By.xpath("//a[contains(@class,'path-link') and normalize-space(.)='" + tree + "']");
    // The grid keeps the cells of rows it hides: its size says how many rows the search left.
    ConsolePages.waiting(driver).until(ExpectedConditions.domPropertyToBe(
        driver.findElement(By.id("paths-grid")), "size", "1"));
    ConsolePages.screenshot(driver, "console-paths");
    ConsolePages.waiting(driver).until(ExpectedConditions.elementToBeClickable(link)).click();
    ConsolePages.waiting(driver).until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("path-name"), tree));
    ConsolePages.waiting(driver).until(ExpectedConditions.textMatches(
        By.id("closure"), Pattern.compile("\\d+ paths")));

    for (String dir : List.of("a/", "b/", "c/")) {
      ConsolePages.click(driver, ConsolePages.waiting(driver).until(
          ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-button[contains(@class,"
              + "'tree-dir') and normalize-space(.)='" + dir + "']"))));
    }
    WebElement download = ConsolePages.waiting(driver).until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("a.tree-download[data-name='deep.txt']")));
    ConsolePages.screenshot(driver, "console-path-detail");
    HttpResponse<byte[]> file = withSession(download.getDomProperty("href"));
    assertEquals(200, file.statusCode());
    assertEquals("deep " + tag + "\n", new String(file.body(), StandardCharsets.UTF_8));

    String narUrl = driver.findElement(By.id("nar-link")).getDomProperty("href");
    String info = narInfo(paths.tree());
    assertTrue(narUrl.endsWith("/" + field(info, "URL")), narUrl + " vs " + info);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    HttpResponse<InputStream> nar = HTTP.send(HttpRequest.newBuilder(URI.create(narUrl)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, nar.statusCode());
    try (InputStream in = new DigestInputStream(nar.body(), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertEquals(field(info, "NarHash"), "sha256:" + Nixbase32.encode(sha.digest()));

    // The download just made shows on the dashboard (counted in memory, not yet sampled).
    ConsolePages.open(driver, store, "");
    assertTrue(Long.parseLong(text("downloads-hour")) >= 1, text("downloads-hour"));
  }

  @Test
  void deleteShowsTheReferrersRefusesWithoutThemAndDeletesALeaf() throws Exception {
    ConsolePages.signIn(driver, store);
    // Referenced by the text file: the delete is refused, with the reason, and nothing goes.
    StorePath tree = StorePath.parseAbsolute(paths.tree());
    ConsolePages.open(driver, store, "paths/" + tree.hashPart());
    ConsolePages.click(driver, ConsolePages.waiting(driver).until(
        ExpectedConditions.presenceOfElementLocated(By.id("delete"))));
    assertTrue(text("delete-referrers").contains(
        StorePath.parseAbsolute(paths.text()).toBasename()), text("delete-referrers"));
    ConsolePages.screenshot(driver, "console-delete-dialog");
    driver.findElement(By.id("confirm-delete")).click();
    WebElement refusal = ConsolePages.waiting(driver).until(
        ExpectedConditions.visibilityOfElementLocated(By.tagName("vaadin-notification-card")));
    assertTrue(refusal.getText().contains("referenced by other paths"), refusal.getText());
    assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(ConsolePages.base(store)
        + "/" + tree.hashPart() + ".narinfo")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode());

    // A path nothing refers to goes, and the cache stops serving it at once.
    Path file = tmp.resolve(tag + "-leaf.txt");
    java.nio.file.Files.writeString(file, "leaf " + tag + "\n");
    String leaf = nix.ok("nix-store", "--add", file.toString());
    try {
      assertEquals(0, nix.copyTo(ConsolePages.base(store), List.of(leaf)).exit());
      StorePath leafPath = StorePath.parseAbsolute(leaf);
      ConsolePages.open(driver, store, "paths/" + leafPath.hashPart());
      ConsolePages.click(driver, ConsolePages.waiting(driver).until(
          ExpectedConditions.presenceOfElementLocated(By.id("delete"))));
      ConsolePages.waiting(driver).until(
          ExpectedConditions.elementToBeClickable(By.id("confirm-delete"))).click();
      ConsolePages.waiting(driver).until(ExpectedConditions.urlMatches(".*/admin/paths$"));
      assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(ConsolePages.base(store)
          + "/" + leafPath.hashPart() + ".narinfo")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());
    } finally {
      nix.run("nix-store", "--delete", leaf);
    }
  }

  /** GETs {@code url} with the browser's session cookie, as a click on the link would. */
  private HttpResponse<byte[]> withSession(String url) throws Exception {
    Cookie session = driver.manage().getCookieNamed("JSESSIONID");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (session != null) {
      b.header("Cookie", "JSESSIONID=" + session.getValue());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void revokingTheTokenEndsTheSessionAtTheNextRequest() throws Exception {
    HttpResponse<String> created = api("POST", "/admin/api/tokens", store.adminToken(),
        "{\"name\": \"console-it\", \"scopes\": [\"admin\"]}");
    assertEquals(201, created.statusCode(), created.body());
    JsonObject issued = JsonParser.parseString(created.body()).getAsJsonObject();
    String secret = issued.get("secret").getAsString();
    long id = issued.getAsJsonObject("token").get("id").getAsLong();

    ConsolePages.signIn(driver, ConsolePages.base(store), secret);
    ConsolePages.open(driver, store, "paths/" + StorePath.parseAbsolute(paths.tree()).hashPart());
    String fileLink = ConsolePages.waiting(driver).until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("a.tree-download[data-name='empty']"))).getDomProperty("href");
    assertEquals(200, withSession(fileLink).statusCode());

    assertEquals(200, api("DELETE", "/admin/api/tokens/" + id, store.adminToken(), null)
        .statusCode());
    // The page's download link is refused at once, before any navigation: the request ends the
    // session it belonged to, so the link names nothing any more.
    assertEquals(404, withSession(fileLink).statusCode());
    // So is any action on the page left open: the click ends the session instead of acting.
    ConsolePages.click(driver, driver.findElement(By.id("delete")));
    ConsolePages.waiting(driver).until(ExpectedConditions.urlContains("/admin/login"));
    assertTrue(driver.findElements(By.id("confirm-delete")).isEmpty(), "no delete dialog");
    ConsolePages.screenshot(driver, "console-login-after-revocation");

    // Sign-out ends the session too: afterwards a page leads to the login again.
    ConsolePages.signIn(driver, store);
    driver.findElement(By.id("sign-out")).click();
    ConsolePages.waiting(driver).until(ExpectedConditions.urlContains("/admin/login"));
    ConsolePages.open(driver, store, "paths");
    ConsolePages.waiting(driver).until(ExpectedConditions.urlContains("/admin/login"));
  }
}
