package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.gc.GcService;
import dev.tvixstore.store.StorePath;
import dev.tvixstore.web.cache.NarInfoCache;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code DELETE /admin/api/paths/<basename>[?withReferrers=true]}: deletes a path (409 naming the
 * referrers, unless they go too); its space comes back at the next GC.
 */
@Path("paths")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PathsResource {

  @Inject private GcService gc;
  @Inject private NarInfoCache narInfos;

  @DELETE
  @Path("{basename}")
  public String delete(
      @PathParam("basename") String basename,
      @QueryParam("withReferrers") @DefaultValue("false") boolean withReferrers) {
    List<String> deleted = gc.delete(StorePath.parse(basename), withReferrers);
    JsonArrayBuilder names = Json.createArrayBuilder();
    for (String d : deleted) {
      narInfos.invalidate(StorePath.parse(d).hashPart());
      names.add(d);
    }
    return Json.createObjectBuilder().add("deleted", names).build().toString();
  }
}
