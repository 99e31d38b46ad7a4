package dev.tvixstore.error;

/** Valid credentials that lack the needed scope. Maps to {@code PERMISSION_DENIED} / 403. */
public class PermissionDeniedException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names the missing scope. */
  public PermissionDeniedException(String message) {
    super(message);
  }
}
