package dev.tvixstore.web.admin.scrub;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tvixstore.web.admin.ConsoleLayout;
import dev.tvixstore.web.admin.Notices;
import dev.tvixstore.web.admin.RunFollower;
import java.util.OptionalLong;

/**
 * Layout only: start a scrub (with an optional rate limit), its progress, what it found, and the
 * history; picking a run in the history lists its damage. The scrub runs on the service's
 * executor; this page polls its record every {@value #POLL_MILLIS} ms while it runs.
 */
@Route(value = "integrity", layout = ConsoleLayout.class)
@PageTitle("Integrity · tvix-store")
public final class IntegrityView extends VerticalLayout {

  static final int POLL_MILLIS = 500;

  private final transient ScrubPresenter presenter;
  private final TextField rate = new TextField("Rate limit (MiB/s)");
  private final Button start = new Button("Start scrub");
  private final Span title = new Span();
  private final Span state = new Span();
  private final Span step = new Span();
  private final ProgressBar bar = new ProgressBar(0, 1);
  private final Span summary = new Span();
  private final VerticalLayout current = new VerticalLayout();
  private final Span damageCaption = new Span("Pick a run in the history to see what it found.");
  private final Grid<DamageRow> damage = new Grid<>();
  private final Grid<ScrubRunRow> history = new Grid<>();
  private final transient RunFollower<ScrubStatus> run;

  public IntegrityView() {
    this.presenter = ScrubPresenter.fromContainer();
    this.run =
        new RunFollower<>(
            POLL_MILLIS, presenter::status, this::show, this::running, this::finished);
    rate.setId("scrub-rate");
    rate.setPlaceholder("as configured");
    rate.setHelperText("0: unlimited");
    start.setId("scrub-start");
    start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    start.addClickListener(e -> start());
    HorizontalLayout controls = new HorizontalLayout(rate, start);
    controls.setAlignItems(FlexComponent.Alignment.BASELINE);

    title.setId("scrub-progress-title");
    state.setId("scrub-state");
    step.setId("scrub-progress-step");
    bar.setId("scrub-progress");
    summary.setId("scrub-summary");
    current.setPadding(false);
    current.add(new H3(title), new HorizontalLayout(new Span("Status:"), state), step, bar,
        summary);
    current.setVisible(false);

    damageCaption.setId("scrub-damage-caption");
    damage.setId("scrub-damage");
    damage.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
    damage.addColumn(DamageRow::kind).setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
    damage.addColumn(DamageRow::digest).setHeader("BLAKE3 digest (hex)").setAutoWidth(true);
    damage.addColumn(DamageRow::problem).setHeader("Problem").setAutoWidth(true);
    damage.addColumn(DamageRow::pathsText).setHeader("Store paths it breaks").setFlexGrow(1);
    damage.addColumn(DamageRow::status).setHeader("Status").setAutoWidth(true);
    damage.setAllRowsVisible(true);

    history.setId("scrub-history");
    history.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    history.addColumn(ScrubRunRow::id).setHeader("Run").setAutoWidth(true).setFlexGrow(0);
    history.addColumn(ScrubRunRow::started).setHeader("Started").setAutoWidth(true);
    history.addColumn(ScrubRunRow::ended).setHeader("Ended").setAutoWidth(true);
    history.addColumn(ScrubRunRow::state).setHeader("Status").setAutoWidth(true);
    history.addColumn(ScrubRunRow::checked).setHeader("Checked").setAutoWidth(true);
    history.addColumn(ScrubRunRow::damaged).setHeader("Damaged").setAutoWidth(true);
    history.addColumn(ScrubRunRow::errors).setHeader("Not checkable").setAutoWidth(true);
    history.addColumn(ScrubRunRow::rate).setHeader("Rate").setAutoWidth(true);
    history.addColumn(ScrubRunRow::error).setHeader("Error").setFlexGrow(1);
    history.asSingleSelect().addValueChangeListener(e -> {
      if (e.getValue() != null) {
        showDamage(e.getValue().id());
      }
    });

    add(
        new H2("Integrity"),
        new Paragraph(
            "A scrub reads every chunk and checks its BLAKE3 digest, then checks that every"
                + " blob and directory is complete, and names the store paths that damage"
                + " breaks. Damaged NARs are refused (503) until the same paths are uploaded"
                + " again."),
        controls,
        current,
        new H3("Damaged objects"),
        damageCaption,
        damage,
        new H3("History"),
        history);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    refreshHistory().ifPresent(run::follow);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    run.stop(event.getUI());
  }

  private void start() {
    switch (presenter.start(rate.getValue())) {
      case ScrubStart.Started s -> run.follow(s.runId());
      case ScrubStart.AlreadyRunning r -> {
        Notices.error(r.message());
        run.follow(r.runId());
      }
      case ScrubStart.Refused r -> Notices.error(r.reason());
    }
  }

  private void running() {
    start.setEnabled(false);
    refreshHistory(); // the run just started shows in the history
  }

  private void finished(ScrubStatus s) {
    start.setEnabled(true);
    refreshHistory();
    showDamage(s.runId());
    if (s.clean()) {
      Notices.success(s.title() + ": " + s.step());
    } else {
      Notices.error(s.title() + ": " + s.step());
    }
  }

  private void show(ScrubStatus s) {
    current.setVisible(true);
    title.setText(s.title());
    state.setText(s.state());
    step.setText(s.step());
    bar.setValue(s.fraction());
    summary.setText(s.summary());
  }

  private void showDamage(long runId) {
    DamageList d = presenter.damage(runId);
    damageCaption.setText(d.caption());
    damage.setItems(d.rows());
    damage.recalculateColumnWidths();
    d.error().ifPresent(Notices::error);
  }

  /** Reloads the grid; returns the run going now, if any. */
  private OptionalLong refreshHistory() {
    ScrubHistory h = presenter.history();
    history.setItems(h.rows());
    // Auto widths are measured on the rows shown: measure again for the new ones.
    history.recalculateColumnWidths();
    h.error().ifPresent(Notices::error);
    return h.running();
  }

}
