package dev.tvixstore.web.admin.api;

import dev.tvixstore.auth.IssuedToken;
import dev.tvixstore.auth.TokenService;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.error.NotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Token management for admins (issue 9): {@code GET /admin/api/tokens} lists them, {@code POST}
 * creates one and answers its secret (the only time it is shown), {@code DELETE
 * /admin/api/tokens/{id}} revokes one, effective for the next request. Admins only, as the whole
 * admin API ({@link AdminAccessFilter}).
 */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

  /** Creation requests are a few hundred bytes. */
  static final int MAX_BODY = 16 << 10;

  @Inject private TokenService tokens;

  @GET
  public JsonObject list() {
    Instant now = Instant.now();
    JsonArrayBuilder all = Json.createArrayBuilder();
    tokens.list().forEach(t -> all.add(TokenJson.token(t, now)));
    return Json.createObjectBuilder().add("tokens", all).build();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response create(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw new LimitExceededException("a token request is at most " + MAX_BODY + " bytes");
    }
    Instant now = Instant.now();
    TokenJson.Request asked = TokenJson.request(new String(bytes, StandardCharsets.UTF_8), now);
    IssuedToken issued = tokens.create(asked.name(), asked.scopes(), asked.expiresAt());
    return Response.created(URI.create("/admin/api/tokens/" + issued.token().id()))
        .entity(TokenJson.issued(issued, now))
        .build();
  }

  @DELETE
  @Path("{id: [0-9]{1,18}}")
  public JsonObject revoke(@PathParam("id") long id) {
    return tokens
        .revoke(id)
        .map(t -> Json.createObjectBuilder().add("token", TokenJson.token(t, Instant.now())).build())
        .orElseThrow(() -> new NotFoundException("no token " + id));
  }
}
