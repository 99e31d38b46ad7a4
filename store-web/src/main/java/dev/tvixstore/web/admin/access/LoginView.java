package dev.tvixstore.web.admin.access;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/**
 * Layout only: a token field and a button; {@link LoginPresenter} decides, also which page opens
 * after sign-in ({@code ?next=}, set by {@link ConsoleGuard}).
 */
@Route("login")
@PageTitle("Sign in · tvix-store")
public final class LoginView extends VerticalLayout implements BeforeEnterObserver {

  private final transient LoginPresenter presenter = LoginPresenter.fromContainer();
  private final PasswordField token = new PasswordField("Admin token");
  private final Paragraph message = new Paragraph();
  private Optional<String> next = Optional.empty();

  public LoginView() {
    token.setId("token");
    token.setWidth("32em");
    token.setHelperText("A token with the admin scope, e.g. the admin-token file in the data dir.");
    Button signIn = new Button("Sign in", e -> signIn());
    signIn.setId("sign-in");
    signIn.addThemeVariants(ButtonVariant.PRIMARY);
    signIn.addClickShortcut(Key.ENTER);
    message.setId("login-message");
    ConsoleSession.takeNotice(VaadinSession.getCurrent()).ifPresent(message::setText);
    add(new H2("tvix-store console"), token, signIn, message);
    token.focus();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    next = event.getLocation().getQueryParameters().getSingleParameter(LoginPresenter.NEXT);
  }

  private void signIn() {
    String secret = token.getValue().strip();
    token.clear();
    LoginPresenter.Verdict verdict = presenter.check(secret);
    if (!verdict.allowed()) {
      message.setText("Refused: " + verdict.refusal());
      return;
    }
    // A new session id after sign-in: an id planted before cannot ride the signed-in session.
    VaadinService.reinitializeSession(VaadinRequest.getCurrent());
    ConsoleSession.signIn(VaadinSession.getCurrent(), secret);
    getUI().ifPresent(ui -> ui.navigate(LoginPresenter.afterSignIn(next)));
  }
}
