package dev.tvixstore.web.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Boots Payara Micro in this JVM with the WAR at {@code /}, then checks that the application
 * really answers: Payara says "ready" even when the deployment failed (stack-spike §2).
 */
final class PayaraBoot {

  /** Payara's own entry point; the programmatic bootStrap API fails on 7.2025.1 (spike §8). */
  private static final String PAYARA_MAIN = "fish.payara.micro.PayaraMicro";

  private static final String LOGGING = "logging.properties";

  private PayaraBoot() {}

  /** Boots and verifies; returns normally once HTTP and gRPC answer. */
  static void boot(LaunchSettings s, Path war, PrintStream out) throws LaunchException {
    if (!Files.isRegularFile(war)) {
      throw new LaunchException(
          ExitCode.DEPLOYMENT_FAILED, "the application " + war + " is missing (build store-web)");
    }
    s.serverProperties().forEach(System::setProperty);
    long started = System.nanoTime();
    invokePayara(payaraArgs(s, war, loggingConfig()));
    verifyDeployment(s);
    long millis = (System.nanoTime() - started) / 1_000_000;
    out.printf(
        "tvix-store ready in %.1f s: http://localhost:%d/admin (binary cache at /), gRPC %s:%d%n",
        millis / 1000.0, s.httpPort(), s.grpcAddress(), s.grpcPort());
  }

  static List<String> payaraArgs(LaunchSettings s, Path war, Path logging) {
    return List.of(
        "--deploy", war.toString(),
        "--contextroot", "/",
        "--port", Integer.toString(s.httpPort()),
        "--nocluster",
        "--disablephonehome",
        "--logproperties", logging.toString());
  }

  private static void invokePayara(List<String> args) throws LaunchException {
    try {
      Class.forName(PAYARA_MAIN)
          .getMethod("main", String[].class)
          .invoke(null, (Object) args.toArray(String[]::new));
    } catch (ClassNotFoundException e) {
      throw new LaunchException(
          ExitCode.DEPLOYMENT_FAILED, "payara-micro.jar is missing beside tvix-store.jar");
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new LaunchException(
          ExitCode.DEPLOYMENT_FAILED, "Payara Micro failed to start: " + cause);
    } catch (ReflectiveOperationException e) {
      throw new LaunchException(
          ExitCode.DEPLOYMENT_FAILED, "cannot call " + PAYARA_MAIN + ".main: " + e);
    }
  }

  /** A quiet log: warnings and errors only, plus our own start-up lines. */
  private static Path loggingConfig() throws LaunchException {
    try (InputStream in = PayaraBoot.class.getResourceAsStream(LOGGING)) {
      if (in == null) {
        throw new LaunchException(ExitCode.DEPLOYMENT_FAILED, LOGGING + " missing from the jar");
      }
      Path file = Files.createTempFile("tvix-store-logging", ".properties");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new LaunchException(
          ExitCode.DEPLOYMENT_FAILED, "cannot write the logging configuration: " + e.getMessage());
    }
  }

  /** Both ports must answer, or the deployment failed somewhere in the log above. */
  private static void verifyDeployment(LaunchSettings s) throws LaunchException {
    String failure = "the application did not come up (see the log above)";
    // Plain HTTP/1.1: an h2c upgrade attempt against the server was seen to stall a client.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + "/nix-cache-info"))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw new LaunchException(
            ExitCode.DEPLOYMENT_FAILED, failure + ": /nix-cache-info answered " + status);
      }
    } catch (IOException e) {
      throw new LaunchException(ExitCode.DEPLOYMENT_FAILED, failure + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(ExitCode.DEPLOYMENT_FAILED, "interrupted while starting");
    }
    String host = s.grpcAddress().equals("0.0.0.0") ? "127.0.0.1" : s.grpcAddress();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, s.grpcPort()), 5000);
    } catch (IOException e) {
      throw new LaunchException(
          ExitCode.DEPLOYMENT_FAILED, failure + ": gRPC port " + s.grpcPort() + " is closed");
    }
  }
}
