package dev.tvixstore.ejb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.auth.AccessPolicy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {
  private static AccessPolicy.Rules load(Map<String, String> values) {
    return AuthSettings.load(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void defaultsAreOpenReadsAndTokenWrites() {
    assertEquals(AccessPolicy.Rules.DEFAULT, load(Map.of()));
  }

  @Test
  void flagsAreReadInAnyCase() {
    assertEquals(
        new AccessPolicy.Rules(true, true),
        load(Map.of(AuthSettings.PRIVATE, "TRUE", AuthSettings.ANONYMOUS_WRITES, " true ")));
  }

  @Test
  void aMalformedFlagNamesItsKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> load(Map.of(AuthSettings.PRIVATE, "yes")));
    assertEquals("tvix.store.auth.private=yes is invalid: must be true or false", e.getMessage());
  }
}
