package dev.tvixstore.web.admin;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;

/**
 * The frame of every console page but the login: title, navigation and sign-out. Views name it
 * as their {@code layout}. Routes are given as paths, so that a feature's view needs no entry
 * here beyond its path.
 */
public final class ConsoleLayout extends AppLayout {

  /** The console's pages, in menu order: label and route path. */
  static final String[][] PAGES = {
    {"Dashboard", ""},
    {"Store paths", "paths"},
    {"Garbage collection", "gc"},
    {"Integrity", "integrity"},
    {"Tokens", "tokens"},
  };

  public ConsoleLayout() {
    H1 title = new H1("tvix-store");
    title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
    Button signOut = new Button("Sign out", e -> signOut());
    signOut.setId("sign-out");
    signOut.addThemeVariants(ButtonVariant.TERTIARY);
    HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title, signOut);
    bar.setWidthFull();
    bar.setAlignItems(FlexComponent.Alignment.CENTER);
    bar.expand(title);
    bar.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(bar);
    SideNav nav = new SideNav();
    nav.setId("console-nav");
    for (String[] page : PAGES) {
      SideNavItem item = new SideNavItem(page[0], page[1]);
      item.setId("nav-" + (page[1].isEmpty() ? "dashboard" : page[1]));
      nav.addItem(item);
    }
    addToDrawer(nav);
  }

  /** Ends the HTTP session (and with it the token kept there) and goes to the login page. */
  private void signOut() {
    String login = VaadinServletRequest.getCurrent().getContextPath() + "/admin/login";
    getUI().ifPresent(ui -> ui.getPage().setLocation(login));
    VaadinSession.getCurrent().getSession().invalidate();
  }
}
