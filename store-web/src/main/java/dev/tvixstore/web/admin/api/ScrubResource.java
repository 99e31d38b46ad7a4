package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.scrub.ScrubDamage;
import dev.tvixstore.ejb.scrub.ScrubRun;
import dev.tvixstore.ejb.scrub.ScrubRunner;
import dev.tvixstore.ejb.scrub.ScrubService;
import dev.tvixstore.ejb.scrub.ScrubSettings;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.web.cli.Json;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

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
    return scrubs.runs(limit).stream().map(ScrubResource::json)
        .collect(Collectors.joining(",", "[", "]"));
  }

  @GET
  @Path("runs/{id}")
  @Produces(JSON)
  public Response run(@PathParam("id") long id) {
    return scrubs.run(id)
        .map(run -> Response.ok(json(run, scrubs.damage(id))).build())
        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
            .entity("{\"error\":\"no scrub run " + id + "\"}").build());
  }

  /** A run without its damage list (the list answer's elements). */
  public static String json(ScrubRun r) {
    return "{\"id\":" + r.id() + ",\"state\":" + Json.quote(r.state())
        + ",\"phase\":" + Json.quote(r.phase())
        + ",\"startedAt\":" + time(r.startedAt()) + ",\"finishedAt\":" + time(r.finishedAt())
        + ",\"rateBytesPerSecond\":" + r.rateBytesPerSecond()
        + ",\"chunks\":{\"done\":" + r.chunksDone() + ",\"total\":" + r.chunksTotal()
        + ",\"bytes\":" + r.chunkBytes() + "}"
        + ",\"blobs\":{\"done\":" + r.blobsDone() + ",\"total\":" + r.blobsTotal() + "}"
        + ",\"directories\":{\"done\":" + r.directoriesDone() + ",\"total\":"
        + r.directoriesTotal() + "}"
        + ",\"damageCount\":" + r.damageCount() + ",\"errorCount\":" + r.errorCount()
        + ",\"error\":" + Json.quote(r.error()) + "}";
  }

  /** A run with what it found (the single-run answer; also what the CLI's tests feed it). */
  public static String json(ScrubRun r, List<ScrubDamage> damage) {
    String run = json(r);
    return run.substring(0, run.length() - 1) + ",\"damage\":"
        + damage.stream().map(ScrubResource::json).collect(Collectors.joining(",", "[", "]"))
        + "}";
  }

  /** One damaged object with its paths. */
  public static String json(ScrubDamage d) {
    return "{\"kind\":" + Json.quote(d.kind()) + ",\"digest\":" + Json.quote(d.digestHex())
        + ",\"problem\":" + Json.quote(d.problem()) + ",\"detail\":" + Json.quote(d.detail())
        + ",\"foundAt\":" + time(d.foundAt()) + ",\"resolvedAt\":" + time(d.resolvedAt())
        + ",\"resolution\":" + Json.quote(d.resolution()) + ",\"storePaths\":"
        + d.storePaths().stream().map(Json::quote).collect(Collectors.joining(",", "[", "]"))
        + "}";
  }

  private static String time(Instant t) {
    return t == null ? "null" : Json.quote(t.toString());
  }
}
