package dev.tvixstore.web.admin.tokens;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.web.admin.ConsoleLayout;
import dev.tvixstore.web.admin.Notices;

/** Layout only: the creation form, the token list with a revoke button per token. */
@Route(value = "tokens", layout = ConsoleLayout.class)
@PageTitle("Access tokens · tvix-store")
public final class TokensView extends VerticalLayout {

  private final transient TokensPresenter presenter;
  private final TextField name = new TextField("Name");
  private final CheckboxGroup<Scope> scopes = new CheckboxGroup<>("Scopes");
  private final DatePicker expiry = new DatePicker("Expires on (UTC, optional)");
  private final Grid<TokenRow> list = new Grid<>();

  public TokensView() {
    this.presenter = TokensPresenter.fromContainer();
    name.setId("token-name");
    name.setMaxLength(AccessToken.MAX_NAME_LENGTH);
    name.setPlaceholder("e.g. ci-uploads");
    scopes.setId("token-scopes");
    scopes.setItems(Scope.values());
    scopes.setItemLabelGenerator(Scope::label);
    scopes.setHelperText("admin covers write, write covers read");
    expiry.setId("token-expiry");
    expiry.setClearButtonVisible(true);
    Button create = new Button("Create token", e -> create());
    create.setId("token-create");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout form = new HorizontalLayout(name, scopes, expiry, create);
    form.setAlignItems(FlexComponent.Alignment.BASELINE);
    form.setWrap(true);

    list.setId("tokens");
    list.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    list.addColumn(TokenRow::id).setHeader("Id").setAutoWidth(true).setFlexGrow(0);
    list.addColumn(TokenRow::name).setHeader("Name").setAutoWidth(true);
    list.addColumn(TokenRow::scopes).setHeader("Scopes").setAutoWidth(true);
    list.addColumn(TokenRow::created).setHeader("Created").setAutoWidth(true);
    list.addColumn(TokenRow::lastUsed).setHeader("Last used").setAutoWidth(true);
    list.addColumn(TokenRow::expires).setHeader("Expires").setAutoWidth(true);
    list.addColumn(TokenRow::status).setHeader("Status").setAutoWidth(true);
    list.addComponentColumn(this::revokeButton).setHeader("").setAutoWidth(true);
    add(
        new H2("Access tokens"),
        new Paragraph(
            "Tokens let clients write (uploads), read (when reads are private) or administer"
                + " the store. The secret is shown once, at creation."),
        new H3("New token"),
        form,
        new H3("Tokens"),
        list);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    refresh();
  }

  private void create() {
    switch (presenter.create(name.getValue(), scopes.getValue(), expiry.getValue())) {
      case TokenCreation.Created c -> {
        name.clear();
        scopes.clear();
        expiry.clear();
        refresh();
        SecretDialog dialog = new SecretDialog(c);
        add(dialog);
        dialog.open();
      }
      case TokenCreation.Refused r -> Notices.error(r.reason());
    }
  }

  private Button revokeButton(TokenRow token) {
    Button revoke = new Button("Revoke", e -> confirmRevoke(token));
    revoke.setId("revoke-" + token.id());
    revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
    revoke.setEnabled(token.revocable());
    return revoke;
  }

  private void confirmRevoke(TokenRow token) {
    ConfirmDialog confirm = new ConfirmDialog();
    confirm.setHeader("Revoke token?");
    confirm.setText(presenter.revokeQuestion(token));
    confirm.setCancelable(true);
    Button yes = new Button("Revoke", e -> {
      confirm.close();
      switch (presenter.revoke(token.id())) {
        case TokenRevocation.Revoked r ->
            Notices.success("Token '" + r.token().name() + "' revoked.");
        case TokenRevocation.Refused r -> Notices.error(r.reason());
      }
      refresh();
    });
    yes.setId("token-revoke-confirm");
    yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
    confirm.setConfirmButton(yes);
    confirm.addClosedListener(e -> confirm.removeFromParent());
    add(confirm);
    confirm.open();
  }

  private void refresh() {
    TokenList tokens = presenter.list();
    list.setItems(tokens.rows());
    // Auto widths are measured on the rows shown: measure again for the new ones.
    list.recalculateColumnWidths();
    tokens.error().ifPresent(Notices::error);
  }
}
