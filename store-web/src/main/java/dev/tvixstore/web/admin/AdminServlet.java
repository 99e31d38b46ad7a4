package dev.tvixstore.web.admin;

import com.vaadin.flow.server.VaadinServlet;
import jakarta.servlet.annotation.WebServlet;

/** Serves the console under {@code /admin}; the root path belongs to the binary cache. */
@WebServlet(urlPatterns = "/admin/*", asyncSupported = true)
public class AdminServlet extends VaadinServlet {}
