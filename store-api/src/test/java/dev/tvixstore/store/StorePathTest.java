package dev.tvixstore.store;

import dev.tvixstore.testing.Vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tvixstore.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorePathTest {
  private static final String HASH = "ykl8ndfz01jfxgff2511vynh00rbp7ai";

  @Test
  void parsesEveryVectorStorePathAndDecodesItsHashPart() {
    for (JsonObject c : Vectors.cases()) {
      String absolute = c.get("store_path").getAsString();
      StorePath p = StorePath.parseAbsolute(absolute);
      assertEquals(c.get("name").getAsString(), p.name());
      assertEquals(c.get("store_path_hash").getAsString(), p.hashPart());
      assertEquals(absolute, p.toAbsolutePath());
      assertEquals(absolute.substring("/nix/store/".length()), p.toBasename());
      assertEquals(p, StorePath.parse(p.toBasename()));
    }
  }

  @Test
  void digestIsTheDecodedHashPartFromTheVectors() {
    for (JsonObject pair : Vectors.section("nixbase32")) {
      if (pair.get("description").getAsString().startsWith("store path hash part")) {
        StorePath p = StorePath.parse(pair.get("nixbase32").getAsString() + "-x");
        assertArrayEquals(HexFormat.of().parseHex(pair.get("hex").getAsString()), p.digest());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "A-Za-z0-9+-._?=",
        "foo-1.0",
        "x..",
        "-leading-dash",
        "?=+_",
      })
  void acceptsValidNames(String name) {
    StorePath p = StorePath.parse(HASH + "-" + name);
    assertEquals(name, p.name());
    assertEquals(HASH + "-" + name, p.toString());
  }

  @Test
  void acceptsNameOf211CharactersAndRejects212() {
    assertEquals(211, StorePath.parse(HASH + "-" + "a".repeat(211)).name().length());
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> StorePath.parse(HASH + "-" + "a".repeat(212)));
    assertEquals("store path name is longer than 211 characters: 212", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "too short           | ykl8ndfz01jfxgff2511vynh00rbp7ai      | store path basename is too"
            + " short (32 characters): 'ykl8ndfz01jfxgff2511vynh00rbp7ai'",
        "hash only and dash  | ykl8ndfz01jfxgff2511vynh00rbp7ai-     | store path basename is too"
            + " short (33 characters): 'ykl8ndfz01jfxgff2511vynh00rbp7ai-'",
        "no dash             | ykl8ndfz01jfxgff2511vynh00rbp7aiXfoo  | store path basename has no"
            + " '-' after the 32-character hash part: 'ykl8ndfz01jfxgff2511vynh00rbp7aiXfoo'",
        "short hash          | ykl8ndfz01jfxgff2511vynh00rbp7a-foo   | store path basename has no"
            + " '-' after the 32-character hash part: 'ykl8ndfz01jfxgff2511vynh00rbp7a-foo'",
        "e in hash           | ekl8ndfz01jfxgff2511vynh00rbp7ai-foo  | store path hash part has"
            + " invalid character 'e' at position 0: 'ekl8ndfz01jfxgff2511vynh00rbp7ai-foo'",
        "upper case hash     | ykl8ndfz01jfxgff2511vynh00rbp7aI-foo  | store path hash part has"
            + " invalid character 'I' at position 31: 'ykl8ndfz01jfxgff2511vynh00rbp7aI-foo'",
        "leading dot         | ykl8ndfz01jfxgff2511vynh00rbp7ai-.foo | store path name starts with"
            + " '.': '.foo'",
        "slash in name       | ykl8ndfz01jfxgff2511vynh00rbp7ai-a/b  | store path name has invalid"
            + " character '/' at position 1: 'a/b'",
        "space in name       | ykl8ndfz01jfxgff2511vynh00rbp7ai-a b  | store path name has invalid"
            + " character ' ' at position 1: 'a b'",
        "umlaut in name      | ykl8ndfz01jfxgff2511vynh00rbp7ai-ü    | store path name has invalid"
            + " character '\\u00fc' at position 0: '\\u00fc'",
      })
  void rejectsInvalidBasenamesPrecisely(String why, String basename, String message) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> StorePath.parse(basename));
    assertEquals(message, e.getMessage(), why);
  }

  @Test
  void everyRuleHasItsOwnMessage() {
    List<String> bad =
        List.of(
            "short",
            HASH + "Xfoo",
            "t" + HASH.substring(1) + "-foo",
            HASH + "-.foo",
            HASH + "-a:b",
            HASH + "-" + "a".repeat(212));
    // Compare the rule part of each message, before any quoted value or number.
    Set<String> rules = new HashSet<>();
    messages(bad).forEach(m -> rules.add(m.split("[':(]")[0]));
    assertEquals(bad.size(), rules.size(), rules.toString());
  }

  private static List<String> messages(List<String> bad) {
    List<String> out = new ArrayList<>();
    for (String b : bad) {
      out.add(assertThrows(InvalidRequestException.class, () -> StorePath.parse(b)).getMessage());
    }
    return out;
  }

  @Test
  void rejectsEmptyName() {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> new StorePath(new byte[20], ""));
    assertEquals("store path name is empty", e.getMessage());
  }

  @Test
  void rejectsDigestOfWrongLength() {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> new StorePath(new byte[32], "foo"));
    assertEquals("store path digest must be 20 bytes, got 32", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "relative   | nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-foo   | store path must start with"
            + " /nix/store/: 'nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-foo'",
        "other dir  | /gnu/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-foo  | store path must start with"
            + " /nix/store/: '/gnu/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-foo'",
        "subpath    | /nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-foo/bin | store path must be"
            + " directly in /nix/store, not below it:"
            + " '/nix/store/ykl8ndfz01jfxgff2511vynh00rbp7ai-foo/bin'",
        "double     | /nix/store//ykl8ndfz01jfxgff2511vynh00rbp7ai-foo | store path must be"
            + " directly in /nix/store, not below it:"
            + " '/nix/store//ykl8ndfz01jfxgff2511vynh00rbp7ai-foo'",
      })
  void rejectsAbsolutePathsOutsideTheStore(String why, String path, String message) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> StorePath.parseAbsolute(path));
    assertEquals(message, e.getMessage(), why);
  }

  @Test
  void digestIsCopiedInAndOut() {
    byte[] digest = new byte[20];
    StorePath p = new StorePath(digest, "foo");
    digest[0] = 1;
    p.digest()[1] = 1;
    assertArrayEquals(new byte[20], p.digest());
  }

  @Test
  void equalityAndOrderFollowTheBasename() {
    StorePath a = StorePath.parse("0" + HASH.substring(1) + "-zzz");
    StorePath b = StorePath.parse(HASH + "-aaa");
    StorePath b2 = StorePath.parse(HASH + "-aaa");
    assertEquals(b, b2);
    assertEquals(b.hashCode(), b2.hashCode());
    assertNotEquals(a, b);
    assertTrue(a.compareTo(b) < 0);
    assertTrue(StorePath.parse(HASH + "-a").compareTo(StorePath.parse(HASH + "-a-b")) < 0);
  }

  @Test
  void orderEqualsTheOrderOfBasenameStrings() {
    long seed = 42L;
    Random random = new Random(seed);
    List<StorePath> paths = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] digest = new byte[20];
      random.nextBytes(digest);
      if (i > 0 && i % 3 == 0) {
        // Share high bytes so that low bytes and names decide too.
        System.arraycopy(paths.get(0).digest(), 5, digest, 5, 15);
      }
      paths.add(new StorePath(digest, random.nextBoolean() ? "a" : "a-b"));
    }
    for (StorePath a : paths) {
      for (StorePath b : paths) {
        assertEquals(
            Integer.signum(a.toBasename().compareTo(b.toBasename())),
            Integer.signum(a.compareTo(b)),
            "seed " + seed + ": " + a + " vs " + b);
      }
    }
  }
}
