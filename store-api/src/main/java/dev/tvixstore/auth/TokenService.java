package dev.tvixstore.auth;

import dev.tvixstore.error.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues, finds and revokes access tokens. Secrets are kept only as hashes ({@link
 * TokenSecret#hash}). Thread-safe.
 */
public interface TokenService {

  /**
   * Creates a token and returns it with its secret, which the store does not keep.
   *
   * @param expiresAt when it stops working; empty: never
   * @throws InvalidRequestException if the name or scopes break {@link AccessToken}'s rules, or
   *     {@code expiresAt} is not in the future
   */
  IssuedToken create(String name, Set<Scope> scopes, Optional<Instant> expiresAt);

  /**
   * The token whose secret is {@code presented}, also when it is revoked or expired (so that the
   * caller can say why it is refused); empty when no token has that secret. A revocation through
   * any caller of the same store is seen by every later call.
   */
  Optional<AccessToken> findBySecret(String presented);

  /**
   * Notes that token {@code id} let a request through at {@code at}. Implementations may record
   * it a few seconds later and keep only the latest time; an unknown id is ignored.
   */
  void recordUse(long id, Instant at);

  /** Every token, revoked and expired ones too, oldest first. */
  List<AccessToken> list();

  /**
   * Revokes token {@code id}: from the return of this call, {@link #findBySecret} reports it
   * revoked. Revoking twice keeps the first time.
   *
   * @return the token as revoked; empty when there is no token {@code id}
   */
  Optional<AccessToken> revoke(long id);
}
