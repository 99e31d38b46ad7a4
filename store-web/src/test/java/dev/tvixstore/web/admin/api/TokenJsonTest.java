package dev.tvixstore.web.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.error.InvalidRequestException;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenJsonTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void readsNameScopesAndEitherExpiry() {
    TokenJson.Request r =
        TokenJson.request("{\"name\":\"ci\",\"scopes\":[\"write\",\"read\"]}", NOW);
    assertEquals("ci", r.name());
    assertEquals(Set.of(Scope.READ, Scope.WRITE), r.scopes());
    assertEquals(Optional.empty(), r.expiresAt());
    assertEquals(
        Optional.of(NOW.plus(Duration.ofDays(30))),
        TokenJson.request("{\"name\":\"a\",\"scopes\":[\"read\"],\"expiresIn\":\"P30D\"}", NOW)
            .expiresAt());
    assertEquals(
        Optional.of(Instant.parse("2027-01-31T00:00:00Z")),
        TokenJson.request(
                "{\"name\":\"a\",\"scopes\":[\"read\"],\"expiresAt\":\"2027-01-31T00:00:00Z\"}",
                NOW)
            .expiresAt());
  }

  @Test
  void badRequestsSayWhatIsWrong() {
    String[][] cases = {
      {"", "the body is not a JSON object"},
      {"[1]", "the body is not a JSON object"},
      {"{\"scopes\":[\"read\"]}", "the request has no name"},
      {"{\"name\":3,\"scopes\":[\"read\"]}", "name must be a string"},
      {"{\"name\":\"a\"}", "scopes must be a list"},
      {"{\"name\":\"a\",\"scopes\":\"read\"}", "scopes must be a list"},
      {"{\"name\":\"a\",\"scopes\":[1]}", "scopes must be strings"},
      {"{\"name\":\"a\",\"scopes\":[\"root\"]}", "unknown scope 'root'"},
      {"{\"name\":\"a\",\"scopes\":[\"read\"],\"expiresIn\":\"30 days\"}", "expiresAt must be"},
      {"{\"name\":\"a\",\"scopes\":[\"read\"],\"expiresAt\":\"x\",\"expiresIn\":\"P1D\"}",
        "give expiresAt or expiresIn, not both"},
    };
    for (String[] c : cases) {
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> TokenJson.request(c[0], NOW), c[0]);
      assertTrue(e.getMessage().startsWith(c[1]), c[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void tokensAreWrittenWithNullsForAbsentTimes() {
    AccessToken t =
        new AccessToken(
            7,
            "ci",
            Set.of(Scope.WRITE, Scope.READ),
            NOW,
            Optional.of(NOW.plusSeconds(60)),
            Optional.empty(),
            Optional.empty());
    JsonObject o = TokenJson.token(t, NOW).build();
    assertEquals(
        "{\"id\":7,\"name\":\"ci\",\"scopes\":[\"read\",\"write\"],"
            + "\"createdAt\":\"2026-11-25T12:00:00Z\",\"active\":true,"
            + "\"expiresAt\":\"2026-11-25T12:01:00Z\",\"lastUsedAt\":null,\"revokedAt\":null}",
        o.toString());
  }
}
