package dev.tvixstore.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tvixstore.error.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Arbitrary Authorization headers. A plain test run replays the inputs saved under {@code
 * CredentialsFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class CredentialsFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void onlyUnauthenticatedEscapesAndSecretsComeFromTheHeader(byte[] data) {
    String header = new String(data, StandardCharsets.UTF_8);
    Optional<String> secret;
    try {
      secret = Credentials.secret(Optional.of(header));
    } catch (UnauthenticatedException e) {
      assertTrue(e.getMessage().length() < 100, e.getMessage());
      return;
    }
    assertTrue(secret.isPresent() && !secret.get().isEmpty());
  }
}
