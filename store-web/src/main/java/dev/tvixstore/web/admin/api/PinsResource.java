package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.gc.GcService;
import dev.tvixstore.store.StorePath;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /admin/api/pins}: list, pin ({@code POST /<basename>}) and unpin ({@code DELETE}). */
@Path("pins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PinsResource {

  @Inject private GcService gc;

  @GET
  public String list() {
    JsonArrayBuilder pins = Json.createArrayBuilder();
    gc.pins().forEach(pins::add);
    return Json.createObjectBuilder().add("pins", pins).build().toString();
  }

  @POST
  @Path("{basename}")
  public String pin(@PathParam("basename") String basename) {
    StorePath path = StorePath.parse(basename);
    boolean changed = gc.pin(path);
    return Json.createObjectBuilder()
        .add("pinned", path.toBasename()).add("changed", changed).build().toString();
  }

  @DELETE
  @Path("{basename}")
  public String unpin(@PathParam("basename") String basename) {
    StorePath path = StorePath.parse(basename);
    boolean changed = gc.unpin(path);
    return Json.createObjectBuilder()
        .add("unpinned", path.toBasename()).add("changed", changed).build().toString();
  }
}
