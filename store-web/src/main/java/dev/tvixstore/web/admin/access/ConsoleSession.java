package dev.tvixstore.web.admin.access;

import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/**
 * The console's sign-in state, kept in the Vaadin session: the admin token's secret (re-checked
 * on each navigation) and a message for the login page when the session ended by itself.
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
    session.setAttribute(NOTICE, null);
  }

  /** Forgets the token and leaves {@code notice} for the login page. */
  static void signOut(VaadinSession session, String notice) {
    session.setAttribute(SECRET, null);
    session.setAttribute(NOTICE, notice);
  }

  /** The notice left by {@link #signOut}, once. */
  static Optional<String> takeNotice(VaadinSession session) {
    Optional<String> notice = Optional.ofNullable((String) session.getAttribute(NOTICE));
    session.setAttribute(NOTICE, null);
    return notice;
  }

  /** Whether {@code session} holds a token that is still valid now. */
  public static boolean isValid(VaadinSession session, LoginPresenter presenter) {
    return secret(session).map(s -> presenter.check(s).allowed()).orElse(false);
  }
}
