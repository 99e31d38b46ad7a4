package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.scrub.ScrubDamage;
import dev.tvixstore.ejb.scrub.ScrubRun;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

/**
 * Scrub runs and what they found as the admin API shows them. Absent times and texts are JSON
 * null, so that every answer has the same keys.
 */
public final class ScrubJson {
  private ScrubJson() {}

  /** A run without its damage list (the list answer's elements). */
  public static JsonObject run(ScrubRun r) {
    return runBuilder(r).build();
  }

  /** A run with what it found (the single-run answer). */
  public static JsonObject run(ScrubRun r, List<ScrubDamage> damage) {
    JsonArrayBuilder found = Json.createArrayBuilder();
    damage.forEach(d -> found.add(damage(d)));
    return runBuilder(r).add("damage", found).build();
  }

  /** One damaged object with the store paths it breaks. */
  public static JsonObject damage(ScrubDamage d) {
    JsonArrayBuilder paths = Json.createArrayBuilder();
    d.storePaths().forEach(paths::add);
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("kind", d.kind())
            .add("digest", d.digestHex())
            .add("problem", d.problem())
            .add("detail", d.detail());
    time(b, "foundAt", d.foundAt());
    time(b, "resolvedAt", d.resolvedAt());
    text(b, "resolution", d.resolution());
    return b.add("storePaths", paths).build();
  }

  private static JsonObjectBuilder runBuilder(ScrubRun r) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("id", r.id());
    text(b, "state", r.state());
    text(b, "phase", r.phase());
    time(b, "startedAt", r.startedAt());
    time(b, "finishedAt", r.finishedAt());
    b.add("rateBytesPerSecond", r.rateBytesPerSecond())
        .add(
            "chunks",
            Json.createObjectBuilder()
                .add("done", r.chunksDone())
                .add("total", r.chunksTotal())
                .add("bytes", r.chunkBytes()))
        .add(
            "blobs",
            Json.createObjectBuilder().add("done", r.blobsDone()).add("total", r.blobsTotal()))
        .add(
            "directories",
            Json.createObjectBuilder()
                .add("done", r.directoriesDone())
                .add("total", r.directoriesTotal()))
        .add("damageCount", r.damageCount())
        .add("errorCount", r.errorCount());
    text(b, "error", r.error());
    return b;
  }

  private static void text(JsonObjectBuilder b, String key, String value) {
    if (value == null) {
      b.addNull(key);
    } else {
      b.add(key, value);
    }
  }

  private static void time(JsonObjectBuilder b, String key, Instant value) {
    text(b, key, value == null ? null : value.toString());
  }
}
