package dev.tvixstore.web.admin.paths;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.tvixstore.ejb.pathinfo.PathSummary;
import dev.tvixstore.web.admin.ConsoleLayout;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Layout only: a search field over a lazily paged grid of the stored paths. */
@Route(value = "paths", layout = ConsoleLayout.class)
@PageTitle("Store paths · tvix-store")
public final class PathsView extends VerticalLayout {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * A row's link to its path's page, rendered in the browser: a server-side RouterLink per row made
   * every page of rows a round of component attaches. {@code router-link} makes the client router
   * take the click, as a RouterLink's anchor does; the href is {@link PathDetailView}'s route.
   */
  private static final LitRenderer<PathSummary> LINK =
      LitRenderer.<PathSummary>of(
              "<a class=\"path-link\" href=\"${item.href}\" router-link>${item.name}</a>")
          .withProperty("href", p -> "paths/" + p.hashPart())
          .withProperty("name", PathSummary::basename);

  private final transient PathsPresenter presenter = PathsPresenter.fromContainer();
  private final TextField search = new TextField();
  private final Grid<PathSummary> grid = new Grid<>();

  public PathsView() {
    setSizeFull();
    search.setId("search");
    search.setPlaceholder("Name, hash or /nix/store/… path");
    search.setPrefixComponent(VaadinIcon.SEARCH.create());
    search.setWidth("32em");
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

    grid.setId("paths-grid");
    grid.addColumn(LINK).setHeader("Store path").setKey("name")
        .setSortProperty("name").setFlexGrow(4);
    grid.addColumn(p -> p.narSize()).setHeader("NAR size (bytes)").setKey("narSize")
        .setSortProperty("narSize").setFlexGrow(1);
    grid.addColumn(p -> TIME.format(p.createdAt())).setHeader("Stored (UTC)").setKey("created")
        .setSortProperty("created").setFlexGrow(1);
    grid.setItems(
        query -> {
          List<QuerySortOrder> order = query.getSortOrders();
          String key = order.isEmpty() ? null : order.getFirst().getSorted();
          boolean asc = order.isEmpty() || order.getFirst().getDirection()
              == SortDirection.ASCENDING;
          return presenter.fetch(search.getValue(), key, asc, query.getOffset(),
              query.getLimit()).stream();
        },
        query -> presenter.count(search.getValue()));
    grid.setSizeFull();
    add(new H2("Store paths"), search, grid);
  }
}
