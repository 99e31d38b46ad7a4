package dev.tvixstore.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The deployed WAR seen from outside, over HTTP, gRPC and a headless browser. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreEndpointsIT {

  static final List<String> STORE_SERVICES =
      List.of(
          "tvix.castore.v1.BlobService",
          "tvix.castore.v1.DirectoryService",
          "tvix.store.v1.PathInfoService");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.storeWar();
  }

  @ArquillianResource URL base;

  private ManagedChannel channel;

  @BeforeEach
  void connect() {
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", Integer.getInteger("tvix.it.grpcPort"))
            .usePlaintext()
            .build();
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // as Nix speaks it (DESIGN §5)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return http.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void deployedAtTheRootPath() {
    assertEquals("/", base.getPath());
  }

  @Test
  void nixCacheInfoIsServed() throws Exception {
    HttpResponse<String> r = get("/nix-cache-info");
    assertEquals(200, r.statusCode());
    assertEquals("StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 40\n", r.body());
    assertEquals(
        "text/x-nix-cache-info", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
  }

  @Test
  void consoleStylesheetIsNotShadowedByJaxRs() throws Exception {
    assertEquals(200, get("/lumo/lumo.css").statusCode());
    assertEquals(404, get("/no-such-thing").statusCode());
  }

  @Test
  void grpcHealthIsServing() {
    GrpcProbe.assertServing(channel, STORE_SERVICES);
  }

  @Test
  void reflectionListsAndResolvesTheStoreServices() throws Exception {
    GrpcProbe.assertReflection(channel, STORE_SERVICES);
  }

  @Test
  void storeServicesAnswerFromTheDeployedBackends() {
    GrpcProbe.assertServedByTheBackends(channel);
  }

  @Test
  void consoleShowsTheCountsInChromium() throws Exception {
    Path shots = Path.of("target/screenshots");
    Files.createDirectories(shots);
    WebDriver driver = new ChromeDriver(Browsers.headlessChromium());
    try {
      // The console needs an admin token (issue 9): the one the first start wrote.
      String token =
          Files.readString(Path.of(System.getProperty("tvix.it.dataDir"), "admin-token")).strip();
      String root = URI.create(base.toString()).resolve("/").toString();
      ConsolePages.signIn(driver, root.substring(0, root.length() - 1), token);
      driver.get(URI.create(base.toString()).resolve("/admin/").toString());
      var wait = new WebDriverWait(driver, Duration.ofSeconds(60));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("count-chunks")));
      for (String id : List.of("count-paths", "count-directories", "count-blobs", "count-chunks")) {
        String text = driver.findElement(By.id(id)).getText();
        assertTrue(text.matches("\\d+"), id + " shows '" + text + "'");
      }
      assertTrue(driver.findElement(By.id("database")).getText().startsWith("H2 2.2.224"));
      assertTrue(driver.findElement(By.id("data-dir")).getText().endsWith("it-data"));
      // The key generated into the data dir, as Nix's trusted-public-keys takes it.
      String key = driver.findElement(By.id("public-keys")).getText();
      assertTrue(key.matches("[A-Za-z0-9.-]+:[A-Za-z0-9+/]{43}="), key);
      assertEquals(
          System.getProperty("tvix.it.version"), driver.findElement(By.id("version")).getText());
      // After a refresh round trip (server-side read through the EJB) the counts are still shown.
      driver.findElement(By.id("refresh")).click();
      wait.until(ExpectedConditions.textMatches(By.id("count-blobs"), Pattern.compile("\\d+")));
      byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(shots.resolve("admin-status.png"), png);
      assertTrue(png.length > 1000);
    } finally {
      driver.quit();
    }
  }
}
