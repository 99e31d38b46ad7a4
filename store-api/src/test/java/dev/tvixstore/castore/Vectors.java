package dev.tvixstore.castore;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The golden vectors made by real Nix (test resources {@code vectors/}), read from index.json. */
public final class Vectors {
  private Vectors() {}

  /** The vectors directory. */
  public static Path dir() {
    try {
      return Path.of(Vectors.class.getResource("/vectors/index.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every case object of index.json. */
  public static List<JsonObject> cases() {
    try {
      String json = Files.readString(dir().resolve("index.json"), StandardCharsets.UTF_8);
      JsonArray cases = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cases");
      List<JsonObject> out = new ArrayList<>();
      cases.forEach(c -> out.add(c.getAsJsonObject()));
      return out;
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
}
