package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.stats.StoreStats;
import dev.tvixstore.ejb.stats.StoreStatsService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /admin/api/stats}: row counts and the database in use ({@link StoreStatsService}). */
@Path("stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

  @Inject private StoreStatsService stats;

  @GET
  public String stats() {
    StoreStats s = stats.stats();
    return Json.createObjectBuilder()
        .add("paths", s.paths())
        .add("directories", s.directories())
        .add("blobs", s.blobs())
        .add("chunks", s.chunks())
        .add("databaseProduct", s.databaseProduct())
        .add("databaseVersion", s.databaseVersion())
        .add("dataDir", s.dataDir())
        .build()
        .toString();
  }
}
