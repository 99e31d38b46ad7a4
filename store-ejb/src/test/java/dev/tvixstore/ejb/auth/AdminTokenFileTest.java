package dev.tvixstore.ejb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.InMemoryTokenService;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.error.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final TokenService tokens =
      new InMemoryTokenService(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
  @TempDir Path dataDir;

  @Test
  void aStoreWithoutTokensGetsAnAdminTokenInAFileOnlyItsOwnerReads() throws IOException {
    Path file = AdminTokenFile.ensure(tokens, dataDir, NOW).orElseThrow();
    assertEquals(dataDir.resolve("admin-token"), file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
    AccessToken token = tokens.findBySecret(secret).orElseThrow();
    assertEquals(Set.of(Scope.ADMIN), token.scopes());
    assertTrue(AdminTokenFile.isGenerated(token));
    try (var files = Files.list(dataDir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void anActiveAdminTokenMeansNothingIsCreated() {
    tokens.create("ops", Set.of(Scope.ADMIN), Optional.empty());
    assertEquals(Optional.empty(), AdminTokenFile.ensure(tokens, dataDir, NOW));
    assertEquals(1, tokens.list().size());
    assertTrue(Files.notExists(dataDir.resolve("admin-token")));
  }

  @Test
  void writeTokensDoNotCountAndARevokedAdminIsReplaced() throws IOException {
    tokens.create("ci", Set.of(Scope.WRITE), Optional.empty());
    Path file = AdminTokenFile.ensure(tokens, dataDir, NOW).orElseThrow();
    String first = Files.readString(file).strip();
    tokens.revoke(tokens.findBySecret(first).orElseThrow().id());
    AdminTokenFile.ensure(tokens, dataDir, NOW).orElseThrow();
    String second = Files.readString(file).strip();
    assertTrue(!first.equals(second));
    assertTrue(tokens.findBySecret(second).orElseThrow().isActive(NOW));
  }

  @Test
  void aFileThatCannotBeWrittenLeavesNoUsableToken() throws IOException {
    Path notADir = Files.writeString(dataDir.resolve("plain-file"), "x");
    assertThrows(StorageException.class, () -> AdminTokenFile.ensure(tokens, notADir, NOW));
    assertTrue(tokens.list().stream().allMatch(AccessToken::isRevoked));
  }
}
