package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.gc.GcRun;
import dev.tvixstore.ejb.gc.GcService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

/** {@code /admin/api/gc}: start a run (202 with its id; 409 while one runs) and read runs. */
@Path("gc")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GcResource {
  static final int LISTED = 50;

  @Inject private GcService gc;
  @Context private UriInfo uri;

  @POST
  public Response start(@QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
    long id = gc.start(dryRun);
    return Response.accepted(
            Json.createObjectBuilder().add("id", id).add("dryRun", dryRun).build().toString())
        .location(uri.getBaseUriBuilder().path("gc/runs/{id}").build(id))
        .build();
  }

  @GET
  @Path("runs")
  public String runs() {
    JsonArrayBuilder runs = Json.createArrayBuilder();
    for (GcRun r : gc.runs(LISTED)) {
      runs.add(RunJson.of(r));
    }
    return Json.createObjectBuilder().add("runs", runs).build().toString();
  }

  @GET
  @Path("runs/{id: [0-9]{1,18}}")
  public String run(@PathParam("id") long id) {
    return RunJson.of(gc.run(id)).toString();
  }
}
