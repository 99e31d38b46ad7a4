package dev.tvixstore.web.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.nix.SigningKey;
import dev.tvixstore.testing.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyFilesTest {
  @TempDir Path tmp;

  @Test
  void withoutKeyFilesAKeyIsGeneratedOnceAndThenKept() throws Exception {
    Path data = tmp.resolve("data");
    SigningKeyFiles.Loaded first =
        SigningKeyFiles.load(List.of(), data, "host-tvix-store-1", new SecureRandom());
    assertTrue(first.generated());
    SigningKey key = first.keys().getFirst();
    assertEquals("host-tvix-store-1", key.name());
    Path secret = data.resolve(SigningKeyFiles.GENERATED_SECRET);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    Path pub = data.resolve(SigningKeyFiles.GENERATED_PUBLIC);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
    assertEquals(
        key.renderPublic() + "\n",
        Files.readString(data.resolve(SigningKeyFiles.GENERATED_PUBLIC)));

    SigningKeyFiles.Loaded again =
        SigningKeyFiles.load(List.of(), data, "other-name", new SecureRandom());
    assertFalse(again.generated());
    assertEquals(key.renderSecret(), again.keys().getFirst().renderSecret());
  }

  @Test
  void configuredFilesAreReadInOrderAndNothingIsGenerated() throws Exception {
    Path a = tmp.resolve("a.sk");
    Files.writeString(a, Vectors.text("keys/test-cache-1.sk"));
    Path b = tmp.resolve("b.sk");
    Files.writeString(b, SigningKey.generate("b-1", new SecureRandom()).renderSecret() + "\n");
    Path data = tmp.resolve("data");
    SigningKeyFiles.Loaded loaded =
        SigningKeyFiles.load(List.of(a, b), data, "unused", new SecureRandom());
    assertEquals(
        List.of("test-cache-1", "b-1"), loaded.keys().stream().map(SigningKey::name).toList());
    assertEquals(
        Vectors.text("keys/test-cache-1.pk").strip(), loaded.keys().getFirst().renderPublic());
    assertFalse(Files.exists(data));
  }

  @Test
  void aBadKeyFileIsNamedButNotQuoted() throws Exception {
    Path bad = tmp.resolve("bad.sk");
    Files.writeString(bad, "name:c2VjcmV0LXN0dWZm\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SigningKeyFiles.load(List.of(bad), tmp, "x", new SecureRandom()));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertFalse(e.getMessage().contains("c2VjcmV0LXN0dWZm"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SigningKeyFiles.load(List.of(tmp.resolve("missing")), tmp, "x", new SecureRandom()));
  }

  @Test
  void defaultKeyNamesCarryTheHost() {
    assertEquals(
        "build-1.example.org-tvix-store-1", SigningKeyFiles.defaultKeyName("build-1.example.org"));
    assertEquals("tvix-store-1", SigningKeyFiles.defaultKeyName(""));
    assertEquals("ab-tvix-store-1", SigningKeyFiles.defaultKeyName("a b"));
  }
}
