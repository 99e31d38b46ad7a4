package dev.tvixstore.web.cache;

import dev.tvixstore.ejb.config.StoreConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /nix-cache-info}: what a Nix client reads first (DESIGN §5). */
@Path("nix-cache-info")
@RequestScoped
public class NixCacheInfoResource {

  @Inject private StoreConfig config;

  @GET
  @Produces(NixCacheInfo.MEDIA_TYPE)
  public String get() {
    return new NixCacheInfo(config.cachePriority()).render();
  }

  /** Accepts (and ignores) the upload Nix sends when the GET failed, if the store dir agrees. */
  @PUT
  @Consumes(MediaType.WILDCARD)
  public Response put(String body) {
    if (NixCacheInfo.agreesWith(body)) {
      return Response.noContent().build();
    }
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity("this cache serves StoreDir: " + NixCacheInfo.STORE_DIR + "\n")
        .build();
  }
}
