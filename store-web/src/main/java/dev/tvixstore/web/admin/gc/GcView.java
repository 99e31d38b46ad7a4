package dev.tvixstore.web.admin.gc;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tvixstore.web.admin.ConsoleLayout;
import dev.tvixstore.web.admin.Notices;
import dev.tvixstore.web.admin.RunFollower;
import java.util.OptionalLong;

/**
 * Layout only: buttons for a dry run and a collection, the followed run's progress and result,
 * and the history. Runs go on the service's executor; this page polls their record every {@value
 * #POLL_MILLIS} ms while one runs ({@link RunFollower}).
 */
@Route(value = "gc", layout = ConsoleLayout.class)
@PageTitle("Garbage collection · tvix-store")
public final class GcView extends VerticalLayout {

  static final int POLL_MILLIS = 500;

  private final transient GcPresenter presenter;
  private final Button dryRun = new Button("Dry run");
  private final Button collect = new Button("Collect garbage");
  private final Span title = new Span();
  private final Span step = new Span();
  private final ProgressBar bar = new ProgressBar(0, 1);
  private final Span summary = new Span();
  private final FormLayout result = new FormLayout();
  private final VerticalLayout current = new VerticalLayout();
  private final Grid<GcRunRow> history = new Grid<>();
  private final transient RunFollower<GcProgress> run;

  public GcView() {
    this.presenter = GcPresenter.fromContainer();
    this.run =
        new RunFollower<>(
            POLL_MILLIS, presenter::progress, this::show, this::running, this::finished);
    dryRun.setId("gc-dry-run");
    collect.setId("gc-run");
    collect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dryRun.addClickListener(e -> start(true));
    collect.addClickListener(e -> start(false));
    title.setId("gc-progress-title");
    step.setId("gc-progress-step");
    bar.setId("gc-progress");
    summary.setId("gc-summary");
    result.setId("gc-result");
    result.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2));
    current.setPadding(false);
    current.add(new H3(title), step, bar, summary, result);
    current.setVisible(false);
    history.setId("gc-history");
    history.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    history.addColumn(GcRunRow::id).setHeader("Run").setAutoWidth(true).setFlexGrow(0);
    history.addColumn(GcRunRow::kind).setHeader("Kind").setAutoWidth(true);
    history.addColumn(GcRunRow::started).setHeader("Started").setAutoWidth(true);
    history.addColumn(GcRunRow::ended).setHeader("Ended").setAutoWidth(true);
    history.addColumn(GcRunRow::status).setHeader("Status").setAutoWidth(true);
    history.addColumn(GcRunRow::freed).setHeader("Freed (or would free)").setAutoWidth(true);
    history.addColumn(GcRunRow::bytes).setHeader("Bytes").setAutoWidth(true);
    history.addColumn(GcRunRow::error).setHeader("Error").setFlexGrow(1);
    add(
        new H2("Garbage collection"),
        new Paragraph(
            "Everything no stored path reaches is deleted; data younger than the grace period"
                + " is kept. A dry run only counts what a collection would free."),
        new HorizontalLayout(dryRun, collect),
        current,
        new H3("History"),
        history);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    // A run started before this page opened (elsewhere, or before a reload) is followed too.
    refreshHistory().ifPresent(run::follow);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    run.stop(event.getUI());
  }

  private void start(boolean dry) {
    switch (presenter.start(dry)) {
      case GcStart.Started s -> run.follow(s.runId());
      case GcStart.Refused r -> {
        Notices.error(r.reason());
        refreshHistory().ifPresent(run::follow);
      }
    }
  }

  private void running() {
    dryRun.setEnabled(false);
    collect.setEnabled(false);
  }

  private void finished(GcProgress p) {
    dryRun.setEnabled(true);
    collect.setEnabled(true);
    refreshHistory();
    if (p.error().isPresent()) {
      Notices.error(p.title() + " failed: " + p.error().get());
    } else {
      Notices.success(p.title() + " finished: " + p.summary());
    }
  }

  private void show(GcProgress p) {
    current.setVisible(true);
    title.setText(p.title());
    step.setText(p.step());
    bar.setValue(p.fraction());
    summary.setText(p.summary());
    result.removeAll();
    for (GcFigure f : p.figures()) {
      Span value = new Span(f.value());
      value.setId(f.id());
      result.addFormItem(value, f.label());
    }
  }

  /** Reloads the grid; returns the run going now, if any. */
  private OptionalLong refreshHistory() {
    GcHistory h = presenter.history();
    history.setItems(h.rows());
    // Auto widths are measured on the rows shown: measure again for the new ones.
    history.recalculateColumnWidths();
    h.error().ifPresent(Notices::error);
    return h.running();
  }

}
