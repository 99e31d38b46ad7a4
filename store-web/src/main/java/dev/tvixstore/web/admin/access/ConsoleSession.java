package dev.tvixstore.web.admin.access;

import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * The console's sign-in state: the admin token's secret (in the Vaadin session for the views, and
 * in the HTTP session, checked again on every request to the console) and a message for the login
 * page when the session ended by itself (in the HTTP session, which outlives a Vaadin session).
 */
public final class ConsoleSession {
  private static final String SECRET = ConsoleSession.class.getName() + ".secret";
  private static final String NOTICE = ConsoleSession.class.getName() + ".notice";

  private ConsoleSession() {}

  /** The signed-in token's secret, if any. */
  public static Optional<String> secret(VaadinSession session) {
    return Optional.ofNullable((String) session.getAttribute(SECRET));
  }

  static void signIn(VaadinSession session, String secret) {
    session.setAttribute(SECRET, secret);
    // Also in the HTTP session, where AdminServlet checks it before Vaadin handles a request.
    session.getSession().setAttribute(SECRET, secret);
    session.getSession().removeAttribute(NOTICE);
  }

  /** Forgets the token and leaves {@code notice} for the login page. */
  static void signOut(VaadinSession session, String notice) {
    session.setAttribute(SECRET, null);
    session.getSession().removeAttribute(SECRET);
    session.getSession().setAttribute(NOTICE, notice);
  }

  /** The notice left by {@link #signOut}, once. */
  static Optional<String> takeNotice(VaadinSession session) {
    WrappedSession http = session.getSession();
    Optional<String> notice = Optional.ofNullable((String) http.getAttribute(NOTICE));
    http.removeAttribute(NOTICE);
    return notice;
  }

  /**
   * Ends the HTTP session behind a console request whose signed-in token no longer passes (revoked
   * or expired), before Vaadin handles the request: a click or poll on a page left open must not
   * act with it. The request then finds no Vaadin session and the client reloads into the login
   * (without a notice: the session that would carry it is gone).
   */
  public static void endIfRevoked(HttpServletRequest request, LoginPresenter presenter) {
    HttpSession http = request.getSession(false);
    if (http == null || !(http.getAttribute(SECRET) instanceof String secret)) {
      return;
    }
    LoginPresenter.Verdict verdict = presenter.check(secret);
    if (verdict.allowed()) {
      return;
    }
    http.invalidate();
  }

  /** Whether {@code session} holds a token that is still valid now. */
  public static boolean isValid(VaadinSession session, LoginPresenter presenter) {
    return secret(session).map(s -> presenter.check(s).allowed()).orElse(false);
  }
}
