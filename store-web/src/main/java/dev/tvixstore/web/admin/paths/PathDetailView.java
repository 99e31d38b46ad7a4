package dev.tvixstore.web.admin.paths;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.tvixstore.ejb.gc.GcConflictException;
import dev.tvixstore.error.StoreException;
import dev.tvixstore.nix.NarSignature;
import dev.tvixstore.store.PathInfo;
import dev.tvixstore.store.StorePath;
import dev.tvixstore.web.admin.ConsoleLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Layout only: one store path's narinfo fields, links, references, referrers, closure, file
 * browser and delete. Background results arrive through {@link UI#access} while the UI polls.
 */
@Route(value = "paths/:hash", layout = ConsoleLayout.class)
@PageTitle("Store path · tvix-store")
public final class PathDetailView extends VerticalLayout implements BeforeEnterObserver {
  private static final int POLL_MILLIS = 400;
  private static final int LINKS_SHOWN = 100;

  private final transient PathDetailPresenter presenter = PathDetailPresenter.fromContainer();
  private transient PathDetail detail;
  private final List<String> dir = new ArrayList<>();
  private final HorizontalLayout crumbs = new HorizontalLayout();
  private final Grid<TreeEntry> tree = new Grid<>();
  private final Span closure = new Span("computing…");
  private int pending;

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    removeAll();
    String hash = event.getRouteParameters().get("hash").orElse("");
    try {
      detail = presenter.load(hash).orElse(null);
    } catch (StoreException e) {
      detail = null;
    }
    if (detail == null) {
      Paragraph missing = new Paragraph("No stored path has the hash '" + hash + "'.");
      missing.setId("not-found");
      add(new H2("Store path"), missing, new RouterLink("Back to the store paths",
          PathsView.class));
      return;
    }
    show();
  }

  private void show() {
    PathInfo info = detail.info();
    H2 title = new H2(info.storePath().toBasename());
    title.setId("path-name");
    String root = VaadinServletRequest.getCurrent().getContextPath() + "/";
    Anchor narInfoLink = new Anchor(root + detail.narInfoUrl(), detail.narInfoUrl());
    narInfoLink.setId("narinfo-link");
    Anchor narLink = new Anchor(root + detail.narUrl(), detail.narUrl());
    narLink.setId("nar-link");

    FormLayout fields = new FormLayout();
    fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
    field(fields, "store-path", "Store path", new Span(info.storePath().toAbsolutePath()));
    field(fields, "nar-hash", "NAR hash", new Span(info.narSha256().toNixbase32Prefixed()));
    field(fields, "nar-size", "NAR size", new Span(info.narSize() + " bytes"));
    field(fields, "closure", "Closure", closure);
    field(fields, "created", "Stored (UTC)",
        new Span(detail.createdAt().map(PathsView.TIME::format).orElse("–")));
    field(fields, "deriver", "Deriver",
        new Span(info.deriver().map(StorePath::toBasename).orElse("–")));
    field(fields, "ca", "Content address",
        new Span(info.ca().map(c -> c.render()).orElse("–")));
    field(fields, "signatures", "Stored signatures", lines(
        info.signatures().stream().map(NarSignature::render).toList()));
    field(fields, "references", "References", links(info.references()));
    field(fields, "referrers", "Referrers", links(detail.referrers()));
    field(fields, "links", "Binary cache", new HorizontalLayout(narInfoLink, narLink));

    Pre narInfo = new Pre(detail.narInfo());
    narInfo.setId("narinfo");

    crumbs.setId("tree-path");
    tree.setId("tree");
    tree.addComponentColumn(this::nameCell).setHeader("Name").setFlexGrow(3);
    tree.addColumn(TreeEntry::description).setHeader("What").setFlexGrow(2);
    tree.addComponentColumn(this::downloadCell).setHeader("").setFlexGrow(1);

    Button delete = new Button("Delete…", e -> confirmDelete());
    delete.setId("delete");
    delete.addThemeVariants(ButtonVariant.ERROR);

    add(title, fields, new H3("Files"), crumbs, tree, new H3("narinfo"), narInfo, delete);
    listDir();
    background(presenter.closure(info.storePath()), c -> closure.setText(c.paths() + " paths, "
        + c.narBytes() + " NAR bytes" + (c.missing() > 0 ? ", " + c.missing() + " missing" : "")));
  }

  private static void field(FormLayout form, String id, String label, Component value) {
    value.setId(id);
    form.addFormItem(value, label);
  }

  private static Component lines(List<String> values) {
    Div d = new Div();
    if (values.isEmpty()) {
      d.setText("–");
    }
    values.forEach(v -> d.add(new Div(v)));
    return d;
  }

  /**
   * Links to {@code paths}, the first {@value #LINKS_SHOWN} of them: a path every build depends on
   * has thousands of referrers, and one component each would make the page unusable.
   */
  private static Component links(List<StorePath> paths) {
    Div d = new Div();
    if (paths.isEmpty()) {
      d.setText("–");
    }
    for (StorePath p : paths.subList(0, Math.min(paths.size(), LINKS_SHOWN))) {
      RouterLink link = new RouterLink(p.toBasename(), PathDetailView.class,
          new RouteParameters("hash", p.hashPart()));
      d.add(new Div(link));
    }
    if (paths.size() > LINKS_SHOWN) {
      d.add(new Div("… and " + (paths.size() - LINKS_SHOWN) + " more"));
    }
    return d;
  }

  private void listDir() {
    crumbs.removeAll();
    Button top = new Button(detail.path().toBasename(), e -> cd(0));
    top.addThemeVariants(ButtonVariant.TERTIARY);
    crumbs.add(top);
    for (int i = 0; i < dir.size(); i++) {
      int depth = i + 1;
      Button step = new Button(dir.get(i), e -> cd(depth));
      step.addThemeVariants(ButtonVariant.TERTIARY);
      crumbs.add(new Span("/"), step);
    }
    try {
      List<TreeEntry> entries = presenter.list(detail.info(), dir);
      tree.setItems(entries);
      tree.setAllRowsVisible(entries.size() <= 50);
      if (entries.size() > 50) {
        tree.setHeight("480px");
      }
    } catch (StoreException e) {
      tree.setItems(List.of());
      error("Cannot list " + String.join("/", dir) + ": " + e.getMessage());
    }
  }

  private void cd(int depth) {
    while (dir.size() > depth) {
      dir.removeLast();
    }
    listDir();
  }

  private Component nameCell(TreeEntry e) {
    if (e.kind() == TreeEntry.Kind.DIRECTORY) {
      Button b = new Button(e.name() + "/", click -> {
        dir.add(e.name());
        listDir();
      });
      b.addThemeVariants(ButtonVariant.TERTIARY);
      b.addClassName("tree-dir");
      return b;
    }
    Span s = new Span(e.name());
    s.addClassName("tree-name");
    return s;
  }

  private Component downloadCell(TreeEntry e) {
    if (e.kind() != TreeEntry.Kind.FILE) {
      return new Span();
    }
    Anchor a =
        new Anchor(
            new FileDownload(presenter, e.digest().orElseThrow(), e.size(), e.name()), "download");
    a.addClassName("tree-download");
    a.getElement().setAttribute("data-name", e.name());
    return a;
  }

  private void confirmDelete() {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Delete " + detail.path().toBasename() + "?");
    List<StorePath> referrers = detail.referrers();
    Checkbox withReferrers = new Checkbox("Also delete the paths that refer to it");
    withReferrers.setId("with-referrers");
    Paragraph text = new Paragraph(referrers.isEmpty()
        ? "No other stored path refers to it. Its data goes at the next garbage collection."
        : "Referred to by " + referrers.size() + " stored path(s): "
            + String.join(", ",
                referrers.stream().limit(LINKS_SHOWN).map(StorePath::toBasename).toList())
            + (referrers.size() > LINKS_SHOWN ? " and more" : "")
            + ". Without them, the delete is refused.");
    text.setId("delete-referrers");
    dialog.add(text);
    if (!referrers.isEmpty()) {
      dialog.add(withReferrers);
    }
    Button confirm = new Button("Delete", e -> {
      dialog.close();
      background(presenter.delete(detail.path(), withReferrers.getValue()), deleted -> {
        Notification.show("Deleted " + String.join(", ", deleted), 5000,
            Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.SUCCESS);
        getUI().ifPresent(ui -> ui.navigate(PathsView.class));
      });
    });
    confirm.setId("confirm-delete");
    confirm.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.PRIMARY);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
    dialog.open();
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (pending > 0) {
      event.getUI().setPollInterval(-1); // the next page polls as it needs
    }
  }

  /** Runs {@code then} in the UI when {@code work} completes; polls until then. */
  private <T> void background(CompletableFuture<T> work, Consumer<T> then) {
    UI ui = UI.getCurrent();
    pending++;
    ui.setPollInterval(POLL_MILLIS);
    work.whenComplete((result, failure) -> ui.access(() -> {
      // The poll interval is the UI's: once the user went to another page, it is that page's.
      if (--pending == 0 && isAttached()) {
        ui.setPollInterval(-1);
      }
      if (failure == null) {
        then.accept(result);
      } else {
        error(reason(failure));
      }
    }));
  }

  private static String reason(Throwable failure) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (t instanceof GcConflictException c) {
      return c.getMessage() + ": " + String.join(", ", c.paths());
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private static void error(String message) {
    Notification n = new Notification(message, 8000, Notification.Position.TOP_CENTER);
    n.addThemeVariants(NotificationVariant.ERROR);
    n.setId("error-notification");
    n.open();
  }
}
