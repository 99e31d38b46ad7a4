package dev.tvixstore.web.admin.api;

import dev.tvixstore.ejb.gc.GcBusyException;
import dev.tvixstore.ejb.gc.GcConflictException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.web.error.ErrorResponses;
import dev.tvixstore.web.error.HttpStatusMapper;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The admin API's errors: status and one-line reason from {@link HttpStatusMapper} (logged there),
 * as JSON {@code {"error": reason}}; GC conflicts are 409 and name the paths in the way.
 */
@Provider
public class AdminErrorMapper implements ExceptionMapper<StoreException> {

  @Context private Request request;
  @Context private UriInfo uri;

  @Override
  public Response toResponse(StoreException e) {
    int status = status(e);
    if (status != 409) {
      HttpStatusMapper.log(e, request.getMethod() + " /" + uri.getPath());
    }
    Response.ResponseBuilder response =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(body(e).build().toString());
    if (status == 401) {
      // Says how to authenticate (RFC 9110); curl and Nix then send their netrc credentials.
      response.header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.CHALLENGE);
    }
    return response.build();
  }

  static int status(StoreException e) {
    return e instanceof GcBusyException || e instanceof GcConflictException
        ? 409
        : HttpStatusMapper.status(e);
  }

  static JsonObjectBuilder body(StoreException e) {
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("error", HttpStatusMapper.reason(e).strip());
    if (e instanceof GcConflictException c) {
      JsonArrayBuilder paths = Json.createArrayBuilder();
      c.paths().forEach(paths::add);
      b.add("paths", paths);
    }
    return b;
  }
}
