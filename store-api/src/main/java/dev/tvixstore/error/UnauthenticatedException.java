package dev.tvixstore.error;

/** No credentials, or credentials that are not valid. Maps to {@code UNAUTHENTICATED} / 401. */
public class UnauthenticatedException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a short reason (never echoing the secret). */
  public UnauthenticatedException(String message) {
    super(message);
  }
}
