package dev.tvixstore.web.admin.api;

import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.error.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Tokens as the admin API writes them, and the creation requests it reads. */
final class TokenJson {

  /**
   * What a client asks for.
   *
   * @param expiresAt from {@code expiresAt} (an ISO instant) or {@code expiresIn} (an ISO
   *     duration such as {@code P30D}) from now
   */
  record Request(String name, Set<Scope> scopes, Optional<Instant> expiresAt) {}

  private TokenJson() {}

  static JsonObjectBuilder token(AccessToken t, Instant now) {
    JsonArrayBuilder scopes = Json.createArrayBuilder();
    t.scopes().stream().sorted().map(Scope::label).forEach(scopes::add);
    JsonObjectBuilder o =
        Json.createObjectBuilder()
            .add("id", t.id())
            .add("name", t.name())
            .add("scopes", scopes)
            .add("createdAt", t.createdAt().toString())
            .add("active", t.isActive(now));
    time(o, "expiresAt", t.expiresAt());
    time(o, "lastUsedAt", t.lastUsedAt());
    time(o, "revokedAt", t.revokedAt());
    return o;
  }

  /** The one time a secret leaves the store. */
  static JsonObject issued(IssuedToken issued, Instant now) {
    return Json.createObjectBuilder()
        .add("token", token(issued.token(), now))
        .add("secret", issued.secret().reveal())
        .build();
  }

  private static void time(JsonObjectBuilder o, String key, Optional<Instant> at) {
    if (at.isPresent()) {
      o.add(key, at.get().toString());
    } else {
      o.addNull(key);
    }
  }

  /**
   * Reads {@code {"name": "...", "scopes": ["write"], "expiresAt"|"expiresIn": "..."}}.
   *
   * @throws InvalidRequestException naming what is wrong
   */
  static Request request(String body, Instant now) {
    JsonObject o;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      o = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new InvalidRequestException("the body is not a JSON object: " + e.getMessage(), e);
    }
    String name = string(o, "name").orElseThrow(() -> missing("name"));
    JsonValue scopesValue = o.get("scopes");
    if (scopesValue == null || scopesValue.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidRequestException(
          "scopes must be a list such as [\"write\"] (read, write, admin)");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (JsonValue v : scopesValue.asJsonArray()) {
      if (!(v instanceof JsonString s)) {
        throw new InvalidRequestException("scopes must be strings: read, write or admin");
      }
      scopes.add(Scope.parse(s.getString()));
    }
    Optional<String> at = string(o, "expiresAt");
    Optional<String> in = string(o, "expiresIn");
    if (at.isPresent() && in.isPresent()) {
      throw new InvalidRequestException("give expiresAt or expiresIn, not both");
    }
    try {
      Optional<Instant> expiresAt =
          at.map(Instant::parse).or(() -> in.map(d -> now.plus(Duration.parse(d))));
      return new Request(name, scopes, expiresAt);
    } catch (DateTimeException | ArithmeticException e) {
      throw new InvalidRequestException(
          "expiresAt must be an instant (2027-01-31T00:00:00Z), expiresIn a duration (P30D): "
              + e.getMessage(),
          e);
    }
  }

  private static Optional<String> string(JsonObject o, String key) {
    JsonValue v = o.get(key);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (!(v instanceof JsonString s)) {
      throw new InvalidRequestException(key + " must be a string");
    }
    return Optional.of(s.getString());
  }

  private static InvalidRequestException missing(String key) {
    return new InvalidRequestException("the request has no " + key);
  }
}
