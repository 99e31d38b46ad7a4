package dev.tvixstore.web.admin.access;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterListener;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/**
 * Runs before every navigation in every console UI: lets the login page through, and sends
 * everything else there unless the session's token still passes {@link LoginPresenter#check}
 * (checked each time, so that revoking the token ends the session at once). The login is told
 * which page was asked for, and opens it after sign-in.
 */
public final class ConsoleGuard implements BeforeEnterListener {

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (event.getNavigationTarget() == LoginView.class) {
      return;
    }
    VaadinSession session = event.getUI().getSession();
    Optional<String> secret = ConsoleSession.secret(session);
    if (secret.isEmpty()) {
      toLogin(event);
      return;
    }
    LoginPresenter.Verdict verdict = LoginPresenter.fromContainer().check(secret.get());
    if (!verdict.allowed()) {
      ConsoleSession.signOut(session, "Signed out: " + verdict.refusal());
      toLogin(event);
    }
  }

  private static void toLogin(BeforeEnterEvent event) {
    String asked = event.getLocation().getPath();
    event.forwardTo(
        LoginView.class,
        asked.isEmpty()
            ? QueryParameters.empty()
            : QueryParameters.of(LoginPresenter.NEXT, asked));
  }
}
