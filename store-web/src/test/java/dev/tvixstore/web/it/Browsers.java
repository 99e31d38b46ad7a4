package dev.tvixstore.web.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium and chromedriver, headless; never lets Selenium Manager download anything. */
final class Browsers {

  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String CHROMIUM = "/usr/bin/chromium";

  private Browsers() {}

  static ChromeOptions headlessChromium() {
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
