package dev.tvixstore.web.error;

import dev.tvixstore.error.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers a {@link StoreException} on the servlet level, as {@link HttpStatusMapper} says. */
public final class ErrorResponses {
  static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  /** Nix's curl answers a Basic challenge with the netrc-file entry of the host. */
  public static final String CHALLENGE = "Basic realm=\"tvix-store\"";

  private ErrorResponses() {}

  /**
   * Logs {@code e} and sends its status and one-line reason; the response must not be committed.
   */
  public static void send(
      HttpServletRequest request, HttpServletResponse response, StoreException e)
      throws IOException {
    HttpStatusMapper.log(e, request.getMethod() + " " + request.getRequestURI());
    int status = HttpStatusMapper.status(e);
    byte[] body = HttpStatusMapper.body(e);
    response.reset();
    response.setStatus(status);
    response.setContentType(TEXT_PLAIN);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", CHALLENGE);
    }
    response.setContentLength(body.length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(body);
    }
  }
}
