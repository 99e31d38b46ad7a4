package dev.tvixstore.web.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a browser test sees it: sign in, open a page, wait for Vaadin, take a
 * screenshot. Every console page but the login needs a signed-in session (issue 9).
 */
final class ConsolePages {
  /** Vaadin's first page load on a busy 2-core machine can take a while. */
  static final Duration WAIT = Duration.ofSeconds(60);

  /** How often a wait looks again. */
  static final Duration POLL = Duration.ofMillis(25);

  static final Path SCREENSHOTS = Path.of("target/screenshots");

  private ConsolePages() {}

  static String base(RunningStore store) {
    return "http://127.0.0.1:" + store.httpPort();
  }

  static WebDriverWait waiting(WebDriver driver) {
    // Selenium looks every 500 ms by default, which would round every timing up by as much.
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.pollingEvery(POLL);
    return wait;
  }

  /** Signs in with the admin token the store wrote at its first start. */
  static void signIn(WebDriver driver, RunningStore store) throws IOException {
    signIn(driver, base(store), store.adminToken());
  }

  /** Signs in at {@code base} (e.g. {@code http://127.0.0.1:8080}) with {@code token}. */
  static void signIn(WebDriver driver, String base, String token) {
    submitToken(driver, base, token);
    waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("console-nav")));
  }

  /** Types {@code token} into the login page and presses the button; does not wait further. */
  static void submitToken(WebDriver driver, String base, String token) {
    driver.get(base + "/admin/login");
    typeToken(driver, token);
  }

  /** Types {@code token} into the login page shown now and presses the button. */
  static void typeToken(WebDriver driver, String token) {
    WebElement field = waiting(driver).until(
        ExpectedConditions.elementToBeClickable(By.cssSelector("#token input")));
    field.sendKeys(token);
    driver.findElement(By.id("sign-in")).click();
  }

  /** Opens the console page at {@code route} (e.g. {@code ""}, {@code "paths"}) and waits. */
  static void open(WebDriver driver, RunningStore store, String route) {
    open(driver, base(store), route);
  }

  /**
   * Opens {@code route}, signing in with the store's admin token first if the page asks for it
   * (the browser's session has none yet, or it ended).
   */
  static void openSignedIn(WebDriver driver, RunningStore store, String route)
      throws IOException {
    open(driver, store, route);
    if (driver.getCurrentUrl().contains("/admin/login")) {
      signIn(driver, store);
      open(driver, store, route);
    }
  }

  static void open(WebDriver driver, String base, String route) {
    driver.get(base + "/admin/" + route);
    waiting(driver).until(ExpectedConditions.or(
        ExpectedConditions.presenceOfElementLocated(By.id("console-nav")),
        ExpectedConditions.presenceOfElementLocated(By.id("sign-in"))));
  }

  /** Clicks {@code element} after scrolling it into the middle of the view. */
  static void click(WebDriver driver, WebElement element) {
    ((JavascriptExecutor) driver).executeScript(
        "arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  /** Saves a PNG of the page under {@code target/screenshots/<name>.png}. */
  static void screenshot(WebDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }
}
