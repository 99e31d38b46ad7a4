package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.gc.GcFreed;
import dev.tvixstore.ejb.gc.GcRun;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** A {@link GcRun} as the API shows it. */
final class RunJson {
  private RunJson() {}

  static JsonObject of(GcRun run) {
    GcFreed f = run.freed();
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("id", run.id())
        .add("dryRun", run.dryRun())
        .add("state", run.state().name())
        .add("phase", run.phase().name())
        .add("done", run.done())
        .add("total", run.total())
        .add("startedAt", run.startedAt().toString())
        .add("cutoff", run.cutoff().toString())
        .add("freed", Json.createObjectBuilder()
            .add("directories", f.directories())
            .add("blobs", f.blobs())
            .add("chunks", f.chunks())
            .add("chunkBytes", f.chunkBytes())
            .add("orphanFiles", f.orphanFiles())
            .add("orphanBytes", f.orphanBytes())
            .add("uploads", f.uploads())
            .add("bytes", f.bytes()));
    run.finished().ifPresent(t -> b.add("finishedAt", t.toString()));
    run.failure().ifPresent(e -> b.add("error", e));
    return b.build();
  }
}
