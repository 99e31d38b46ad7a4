package dev.tvixstore.nix;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reads the golden vectors made by real Nix 2.8 (test resources {@code vectors/}). */
public final class FormatVectors {
  private static final JsonObject INDEX =
      JsonParser.parseString(text("index.json")).getAsJsonObject();

  private FormatVectors() {}

  /** The parsed {@code index.json}. */
  public static JsonObject index() {
    return INDEX;
  }

  /** The entries of {@code cases}. */
  public static List<JsonObject> cases() {
    return objects(INDEX.getAsJsonArray("cases"));
  }

  /** The case with the given id. */
  public static JsonObject caseById(String id) {
    return cases().stream()
        .filter(c -> c.get("id").getAsString().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no vector case " + id));
  }

  /** The entries of a top-level array such as {@code nixbase32}. */
  public static List<JsonObject> section(String name) {
    return objects(INDEX.getAsJsonArray(name));
  }

  /** A string member, or null when it is JSON null. */
  public static String string(JsonObject o, String member) {
    JsonElement e = o.get(member);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  /** A string array member. */
  public static List<String> strings(JsonObject o, String member) {
    return StreamSupport.stream(o.getAsJsonArray(member).spliterator(), false)
        .map(JsonElement::getAsString)
        .toList();
  }

  /** A vector file as UTF-8 text, path relative to {@code vectors/}. */
  public static String text(String relativePath) {
    return new String(bytes(relativePath), StandardCharsets.UTF_8);
  }

  /** A vector file's bytes, path relative to {@code vectors/}. */
  public static byte[] bytes(String relativePath) {
    String resource = "/vectors/" + relativePath;
    try (InputStream in = FormatVectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsJsonObject()));
    return out;
  }
}
