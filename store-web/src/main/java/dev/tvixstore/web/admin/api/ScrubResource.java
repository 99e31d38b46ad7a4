package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.scrub.ScrubRunner;
import dev.tvixstore.ejb.scrub.ScrubService;
import dev.tvixstore.ejb.scrub.ScrubSettings;
import dev.tvixstore.error.InvalidRequestException;
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
import java.util.OptionalLong;

/**
 * The scrub's part of the admin API (issue 7), JSON:
 *
 * <ul>
 *   <li>{@code POST /admin/api/scrub[?rate=<MiB/s>]}: starts a scrub in the background; 202 with
 *       {@code {"id":N}}, or 409 with the running run's id when one runs;
 *   <li>{@code GET /admin/api/scrub/runs[?limit=N]}: the latest runs, newest first;
 *   <li>{@code GET /admin/api/scrub/runs/{id}}: one run's progress and counts, and each damaged
 *       object with its hex digest, problem and the store paths it breaks; 404 if unknown.
 * </ul>
 *
 * <p>Access as for the whole admin API ({@link AdminAccessFilter}).
 */
@Path("scrub")
@RequestScoped
public class ScrubResource {
  private static final String JSON = MediaType.APPLICATION_JSON + ";charset=utf-8";

  @Inject private ScrubService scrubs;

  @POST
  @Produces(JSON)
  public Response start(@QueryParam("rate") String rate) {
    OptionalLong bytesPerSecond = OptionalLong.empty();
    if (rate != null && !rate.isBlank()) {
      try {
        bytesPerSecond = OptionalLong.of(ScrubSettings.parseRate(rate));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("rate must be a number of MiB/s >= 0, got " + rate);
      }
    }
    ScrubRunner.Start start = scrubs.start(bytesPerSecond);
    String body = "{\"id\":" + start.runId() + "}";
    if (!start.started()) {
      return Response.status(Response.Status.CONFLICT)
          .entity("{\"id\":" + start.runId() + ",\"error\":\"a scrub is running\"}").build();
    }
    return Response.accepted(body).header("Location", "scrub/runs/" + start.runId()).build();
  }

  @GET
  @Path("runs")
  @Produces(JSON)
  public String runs(@QueryParam("limit") @DefaultValue("20") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit must be 1 to 1000, got " + limit);
    }
    JsonArrayBuilder all = Json.createArrayBuilder();
    scrubs.runs(limit).forEach(r -> all.add(ScrubJson.run(r)));
    return all.build().toString();
  }

  @GET
  @Path("runs/{id}")
  @Produces(JSON)
  public Response run(@PathParam("id") long id) {
    return scrubs.run(id)
        .map(run -> Response.ok(ScrubJson.run(run, scrubs.damage(id)).toString()).build())
        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
            .entity("{\"error\":\"no scrub run " + id + "\"}").build());
  }
}
