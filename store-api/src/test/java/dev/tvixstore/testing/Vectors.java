package dev.tvixstore.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Reads the golden vectors made by real Nix 2.8 (test resources {@code vectors/}). */
public final class Vectors {
  private static final JsonObject INDEX =
      JsonParser.parseString(text("index.json")).getAsJsonObject();

  private Vectors() {}

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

  /** The vectors directory (for streaming the larger files). */
  public static Path dir() {
    try {
      URI index = Vectors.class.getResource("/vectors/index.json").toURI();
      if (index.getScheme().equals("jar")) {
        // Other modules read the vectors from the test-jar: Path.of finds a jar entry only once
        // the jar is open as a file system (kept open for the test run).
        try {
          FileSystems.newFileSystem(index, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
          // Opened by an earlier call.
        }
      }
      return Path.of(index).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case's id, for test names. */
  public static String id(JsonObject c) {
    return c.get("id").getAsString();
  }

  /** The NAR file of a case. */
  public static Path nar(JsonObject c) {
    return dir().resolve(c.get("nar_file").getAsString());
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
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
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
