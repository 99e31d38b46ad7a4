package dev.tvixstore.error;

/**
 * Base of every failure the store reports on purpose. Unchecked, so that it flows through service
 * interfaces and streams; protocols map subclasses to status codes (DESIGN.md §4).
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what was wrong. */
  public StoreException(String message) {
    super(message);
  }

  /** Creates an exception that keeps the underlying cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
