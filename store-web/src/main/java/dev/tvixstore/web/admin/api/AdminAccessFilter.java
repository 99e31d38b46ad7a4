package dev.tvixstore.web.admin.api;

import dev.tvixstore.web.cache.CacheSettings;
import dev.tvixstore.web.cache.WriteAccess;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Every admin call, reads included (they list paths and runs), passes the rule uploads pass
 * ({@link WriteAccess}): from loopback, or with the write token when one is configured. The
 * access-control issue replaces this.
 */
@Provider
public class AdminAccessFilter implements ContainerRequestFilter {

  @Inject private CacheSettings settings;
  @Context private HttpServletRequest request;

  @Override
  public void filter(ContainerRequestContext context) {
    new WriteAccess(settings)
        .check(request.getRemoteAddr(), context.getHeaderString(HttpHeaders.AUTHORIZATION));
  }
}
