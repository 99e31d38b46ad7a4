package dev.tvixstore.web.admin.dashboard;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import dev.tvixstore.web.admin.ConsoleLayout;
import dev.tvixstore.web.admin.status.StatusPresenter;
import dev.tvixstore.web.admin.status.StatusRow;
import java.util.List;

/**
 * Layout only: the status and dashboard rows, the plot and the nix.conf lines. Filled on opening
 * and by the refresh button, never on a timer: each fill counts and sums the store's tables.
 */
@Route(value = "", layout = ConsoleLayout.class)
@PageTitle("Dashboard · tvix-store")
public final class DashboardView extends VerticalLayout {

  private static final String COPY_JS =
      "const t = $0;"
          + "if (navigator.clipboard && window.isSecureContext) {"
          + "  return navigator.clipboard.writeText(t).then(() => true, () => false); }"
          + "const a = document.createElement('textarea'); a.value = t;"
          + "document.body.appendChild(a); a.select();"
          + "const ok = document.execCommand('copy'); a.remove(); return ok;";

  private final transient StatusPresenter status = StatusPresenter.fromContainer();
  private final transient DashboardPresenter presenter = DashboardPresenter.fromContainer();
  private final FormLayout statusRows = new FormLayout();
  private final FormLayout volumeRows = new FormLayout();
  private final Svg plot = new Svg();

  public DashboardView() {
    Button refresh = new Button("Refresh", e -> show());
    refresh.setId("refresh");
    statusRows.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
    volumeRows.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
    plot.setId("stored-plot");
    Pre nixConf = new Pre(presenter.nixConf(baseUrl()));
    nixConf.setId("nix-conf");
    Button copy = new Button("Copy", e -> copy(nixConf.getText()));
    copy.setId("copy-nix-conf");
    HorizontalLayout header = new HorizontalLayout(new H2("Dashboard"), refresh);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    add(header, statusRows, new H3("Size"), volumeRows,
        new H3("Stored bytes over time"), plot,
        new H3("Substitute from this cache (nix.conf)"), nixConf, copy);
    show();
  }

  /** This server's root as the browser reached it. */
  private static String baseUrl() {
    VaadinRequest r = VaadinRequest.getCurrent();
    if (r == null) {
      return "http://localhost/";
    }
    String host = r.getHeader("Host");
    String scheme = r.isSecure() ? "https" : "http";
    return scheme + "://" + (host != null ? host : "localhost") + r.getContextPath() + "/";
  }

  private void copy(String text) {
    getUI().ifPresent(ui -> ui.getPage().executeJs(COPY_JS, text).then(Boolean.class,
        ok -> Notification.show(ok ? "Copied to the clipboard" : "Copy failed: select the text")));
  }

  private void show() {
    fill(statusRows, status.rows());
    DashboardPresenter.Dashboard d = presenter.show();
    fill(volumeRows, d.rows());
    plot.setSvg(d.plot());
  }

  private static void fill(FormLayout form, List<StatusRow> rows) {
    form.removeAll();
    for (StatusRow row : rows) {
      Span value = new Span(row.value());
      value.setId(row.id());
      form.addFormItem(value, row.label());
    }
  }
}
