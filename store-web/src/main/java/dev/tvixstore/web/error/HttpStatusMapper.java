package dev.tvixstore.web.error;

import dev.tvixstore.error.DataLossException;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import dev.tvixstore.error.NotFoundException;
import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.StorageException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.error.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one mapping of store exceptions to HTTP (STYLE §5, DESIGN §5): the status, the one-line
 * reason the client gets, and the log line. Used by the JAX-RS {@link StoreExceptionMapper} and by
 * the servlet filter that serves the cache's downloads.
 */
public final class HttpStatusMapper {
  /** Longest reason sent; longer messages are cut (they may quote client input). */
  static final int MAX_REASON = 500;

  private static final Logger LOG = Logger.getLogger(HttpStatusMapper.class.getName());

  private HttpStatusMapper() {}

  /** The status for {@code e}. */
  public static int status(StoreException e) {
    return switch (e) {
      case InvalidRequestException x -> 400;
      case UnauthenticatedException x -> 401;
      case PermissionDeniedException x -> 403;
      case NotFoundException x -> 404;
      case LimitExceededException x -> 413;
      case DataLossException x -> 503;
      case StorageException x -> 500;
      default -> 500;
    };
  }

  /**
   * The body: one line ending in a newline. A server-side failure (500) says only that, as its
   * detail is for the log, not the client.
   */
  public static String reason(StoreException e) {
    int status = status(e);
    String message = status == 500 ? "internal error, see the server log" : e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    String line = message.replaceAll("[\\r\\n\\t]+", " ").strip();
    if (line.length() > MAX_REASON) {
      line = line.substring(0, MAX_REASON) + "…";
    }
    return line + "\n";
  }

  /** {@link #reason} as UTF-8. */
  public static byte[] body(StoreException e) {
    return reason(e).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Logs {@code e} once, where it is answered: server-side failures (500, 503) as warnings with
   * their cause, client errors at fine level.
   */
  public static void log(StoreException e, String request) {
    int status = status(e);
    if (status >= 500) {
      LOG.log(
          Level.WARNING, "tvix-store: " + request + ": HTTP " + status + ": " + e.getMessage(), e);
    } else {
      LOG.log(Level.FINE, () -> request + ": HTTP " + status + ": " + e.getMessage());
    }
  }
}
