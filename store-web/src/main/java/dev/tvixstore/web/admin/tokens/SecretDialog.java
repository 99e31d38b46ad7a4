package dev.tvixstore.web.admin.tokens;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Shows a new token's secret, the only time it is shown: a read-only field and a copy button. On
 * close the field is emptied and the dialog dropped, so the secret leaves the UI state with it.
 */
final class SecretDialog extends Dialog {

  SecretDialog(TokenCreation.Created created) {
    setHeaderTitle("Token '" + created.token().name() + "' created");
    setCloseOnOutsideClick(false);
    TextField secret = new TextField("Secret");
    secret.setId("token-secret");
    secret.setReadOnly(true);
    secret.setValue(created.secret());
    secret.setWidthFull();
    Button copy = new Button("Copy");
    copy.setId("token-copy");
    // The clipboard takes writes only inside the click's user gesture: write on the client, in
    // the click handler itself, not after a round trip to the server.
    copy.getElement()
        .executeJs(
            "const b = this, s = $0; b.addEventListener('click', () =>"
                + " navigator.clipboard.writeText(s).then(() => { b.textContent = 'Copied'; },"
                + " () => { b.textContent = 'Copy failed: select the text'; }));",
            created.secret());
    Button done = new Button("Done", e -> close());
    done.setId("token-secret-done");
    done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add(
        new Paragraph(
            "Copy the secret now: it is shown only this once, the store keeps only its hash."
                + " Send it as 'Authorization: Bearer <secret>', or as the password in a netrc"
                + " file for Nix."),
        secret);
    getFooter().add(copy, done);
    setWidth("42em");
    addOpenedChangeListener(
        e -> {
          if (!e.isOpened()) {
            secret.clear();
            removeFromParent();
          }
        });
  }
}
