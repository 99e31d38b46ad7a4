package dev.tvixstore.web.admin.status;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;

/** Layout only: shows the presenter's rows, refreshed by a button and every few seconds. */
@Route("")
@PageTitle("tvix-store")
public final class StatusView extends VerticalLayout {

  private static final int POLL_MILLIS = 5000;

  private final transient StatusPresenter presenter;
  private final FormLayout values = new FormLayout();
  private Registration polling;

  public StatusView() {
    this.presenter = StatusPresenter.fromContainer();
    Button refresh = new Button("Refresh", e -> show());
    refresh.setId("refresh");
    // One label/value pair per line reads better than the default two-column flow.
    values.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
    add(new H2("tvix-store"), values, refresh);
    show();
  }

  @Override
  protected void onAttach(AttachEvent event) {
    event.getUI().setPollInterval(POLL_MILLIS);
    polling = event.getUI().addPollListener(p -> show());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    polling.remove();
    event.getUI().setPollInterval(-1);
  }

  private void show() {
    values.removeAll();
    for (StatusRow row : presenter.rows()) {
      Span value = new Span(row.value());
      value.setId(row.id());
      values.addFormItem(value, row.label());
    }
  }
}
