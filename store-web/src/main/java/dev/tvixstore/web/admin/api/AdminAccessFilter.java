package dev.tvixstore.web.admin.api;

import dev.tvixstore.auth.Scope;
import dev.tvixstore.web.auth.HttpAccess;
import jakarta.enterprise.inject.spi.CDI;
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

  @Context private HttpServletRequest request;
  private volatile HttpAccess access;

  @Override
  public void filter(ContainerRequestContext context) {
    HttpAccess a = access;
    if (a == null) {
      // Jersey, not CDI, makes this provider (bean discovery is "annotated"): look the bean up
      // instead of injecting it.
      a = CDI.current().select(HttpAccess.class).get();
      access = a;
    }
    a.require(request, Scope.ADMIN);
  }
}
