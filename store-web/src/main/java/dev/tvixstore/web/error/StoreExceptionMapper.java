package dev.tvixstore.web.error;

import dev.tvixstore.error.StoreException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers every {@link StoreException} a JAX-RS resource throws as {@link HttpStatusMapper} says.
 */
@Provider
public class StoreExceptionMapper implements ExceptionMapper<StoreException> {

  @Context private Request request;
  @Context private UriInfo uri;

  @Override
  public Response toResponse(StoreException e) {
    HttpStatusMapper.log(e, request.getMethod() + " /" + uri.getPath());
    byte[] body = HttpStatusMapper.body(e);
    int status = HttpStatusMapper.status(e);
    Response.ResponseBuilder response =
        Response.status(status)
            .type(ErrorResponses.TEXT_PLAIN)
            .header(HttpHeaders.CONTENT_LENGTH, body.length)
            .entity(body);
    if (status == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.CHALLENGE);
    }
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      // Part of the request body may be unread: what follows on this connection would be read
      // from the middle of it (RFC 9112 §9.6), so the client retries on a new one.
      response.header("Connection", "close");
    }
    return response.build();
  }
}
