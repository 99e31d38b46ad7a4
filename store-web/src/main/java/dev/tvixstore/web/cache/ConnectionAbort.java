package dev.tvixstore.web.cache;

import jakarta.servlet.ServletRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Breaks the connection a response is being sent on, for a NAR found damaged after its status line
 * went out (DESIGN §5: a failed transfer, never a clean end).
 *
 * <p>The Servlet API cannot do this: an exception after the response is committed leaves Payara's
 * connection open and idle until its keep-alive timeout (30 s), the client waiting for the bytes it
 * was promised. So this reaches Grizzly's connection through Payara's public methods ({@code
 * RequestFacade.getUnwrappedCoyoteRequest().getCoyoteRequest().getConnection()}) and terminates it.
 * Checked on Payara Micro 7.2025.1; elsewhere it logs and reports failure.
 */
final class ConnectionAbort {
  private static final Logger LOG = Logger.getLogger(ConnectionAbort.class.getName());

  private ConnectionAbort() {}

  /**
   * Terminates the connection of {@code request}, the container's own request object (as a filter
   * first in the chain sees it), without finishing the response.
   *
   * @return whether the connection could be reached and terminated
   */
  static boolean abort(ServletRequest request) {
    try {
      Object catalina = call(request, "getUnwrappedCoyoteRequest");
      Object grizzly = call(catalina, "getCoyoteRequest");
      Object connection = call(grizzly, "getConnection");
      call(connection, "terminateSilently");
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "tvix-store: cannot abort the connection on this server", e);
      return false;
    }
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    return findPublic(target.getClass(), method).invoke(target);
  }

  /** The method as declared by a public class or interface, so no access check gets in the way. */
  private static Method findPublic(Class<?> type, String name) throws NoSuchMethodException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(name);
        } catch (NoSuchMethodException e) {
          // not here: look further up
        }
      }
      for (Class<?> i : c.getInterfaces()) {
        try {
          return i.getMethod(name);
        } catch (NoSuchMethodException e) {
          // not here: look further
        }
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + name + "()");
  }
}
