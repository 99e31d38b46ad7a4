package dev.tvixstore.web.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium and chromedriver, headless; never lets Selenium Manager download anything. */
final class Browsers {

  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String CHROMIUM = "/usr/bin/chromium";

  /**
   * Selenium looks for a DevTools (CDP) binding matching the browser and warns when there is none;
   * we drive Chromium over WebDriver only, so that warning is noise. Held here so it is not GC'd.
   */
  private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

  private static final Logger CHROMIUM_LOG =
      Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver");

  private Browsers() {}

  static ChromeOptions headlessChromium() {
    DEVTOOLS_LOG.setLevel(Level.SEVERE);
    CHROMIUM_LOG.setLevel(Level.SEVERE);
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    try {
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--window-size=1280,900",
          "--user-data-dir=" + Files.createTempDirectory("tvix-chromium"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return options;
  }
}
