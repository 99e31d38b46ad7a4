package dev.tvixstore.web.auth;

import dev.tvixstore.auth.AccessPolicy;
import dev.tvixstore.auth.AccessToken;
import dev.tvixstore.auth.Credentials;
import dev.tvixstore.auth.Scope;
import dev.tvixstore.error.PermissionDeniedException;
import dev.tvixstore.error.UnauthenticatedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Lets an HTTP request through the {@link AccessPolicy}, or throws. */
@ApplicationScoped
public class HttpAccess {

  @Inject private AccessPolicy policy;

  /** For CDI. */
  protected HttpAccess() {}

  /** For tests. */
  public HttpAccess(AccessPolicy policy) {
    this.policy = policy;
  }

  /**
   * Passes if {@code request} may do what needs {@code needed}.
   *
   * @return the token that let it through; empty when none was needed
   * @throws UnauthenticatedException no usable credentials where they are needed (401)
   * @throws PermissionDeniedException a valid token without the scope (403)
   */
  public Optional<AccessToken> require(HttpServletRequest request, Scope needed) {
    return require(Optional.ofNullable(request.getHeader("Authorization")), needed);
  }

  /** {@link #require(HttpServletRequest, Scope)} given the {@code Authorization} header. */
  public Optional<AccessToken> require(Optional<String> authorization, Scope needed) {
    if (!policy.needsToken(needed)) {
      return Optional.empty();
    }
    return policy.check(needed, Credentials.secret(authorization));
  }

  /** Whether a request needing {@code needed} must carry a token at all. */
  public boolean needsToken(Scope needed) {
    return policy.needsToken(needed);
  }
}
