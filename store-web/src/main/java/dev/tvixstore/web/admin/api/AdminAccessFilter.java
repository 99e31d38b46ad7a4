package dev.tvixstore.web.admin.api;

import dev.tvixstore.auth.Scope;
import dev.tvixstore.web.auth.HttpAccess;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Every admin call, reads included (they list paths, runs and tokens), needs a token with the
 * {@code admin} scope (issue 9); a refusal is 401 or 403 through {@link AdminErrorMapper}.
 */
@Provider
public class AdminAccessFilter implements ContainerRequestFilter {

  @Inject private HttpAccess access;
  @Context private HttpServletRequest request;

  @Override
  public void filter(ContainerRequestContext context) {
    access.require(request, Scope.ADMIN);
  }
}
