package dev.tvixstore.web.admin;

import com.vaadin.flow.server.VaadinServlet;
import dev.tvixstore.web.admin.access.ConsoleGuard;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;

/**
 * Serves the console under {@code /admin}; the root path belongs to the binary cache. Every UI
 * gets the {@link ConsoleGuard}, so no view can be reached without a valid admin token.
 */
@WebServlet(urlPatterns = "/admin/*", asyncSupported = true)
public class AdminServlet extends VaadinServlet {

  @Override
  protected void servletInitialized() throws ServletException {
    super.servletInitialized();
    getService().addUIInitListener(e -> e.getUI().addBeforeEnterListener(new ConsoleGuard()));
  }
}
