package dev.tvixstore.web.admin.api;

import dev.tvixstore.web.cache.CacheSettings;
import dev.tvixstore.web.cache.WriteAccess;
import jakarta.enterprise.inject.spi.CDI;
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

  @Context private HttpServletRequest request;
  private volatile WriteAccess access;

  @Override
  public void filter(ContainerRequestContext context) {
    WriteAccess a = access;
    if (a == null) {
      // Jersey, not CDI, makes this provider (bean discovery is "annotated"): look the settings
      // up instead of injecting them.
      a = new WriteAccess(CDI.current().select(CacheSettings.class).get());
      access = a;
    }
    a.check(request.getRemoteAddr(), context.getHeaderString(HttpHeaders.AUTHORIZATION));
  }
}
