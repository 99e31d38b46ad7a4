package dev.tvixstore.web.admin;

import com.vaadin.flow.server.VaadinServlet;
import dev.tvixstore.web.admin.access.ConsoleGuard;
import dev.tvixstore.web.admin.access.ConsoleSession;
import dev.tvixstore.web.admin.access.LoginPresenter;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the console under {@code /admin}; the root path belongs to the binary cache. Every UI
 * gets the {@link ConsoleGuard}, so no view can be reached without a valid admin token, and every
 * request of a session whose token no longer passes ends that session ({@link
 * ConsoleSession#endIfRevoked}).
 */
@WebServlet(urlPatterns = "/admin/*", asyncSupported = true)
public class AdminServlet extends VaadinServlet {

  @Override
  protected void servletInitialized() throws ServletException {
    super.servletInitialized();
    getService().addUIInitListener(e -> e.getUI().addBeforeEnterListener(new ConsoleGuard()));
  }

  /** Every request, not only a navigation: a page left open must not act for a revoked token. */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    ConsoleSession.endIfRevoked(request, LoginPresenter.fromContainer());
    super.service(request, response);
  }
}
