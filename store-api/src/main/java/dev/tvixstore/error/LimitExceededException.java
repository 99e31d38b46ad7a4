package dev.tvixstore.error;

/**
 * A message, stream or body went over a configured limit. Maps to {@code RESOURCE_EXHAUSTED} / 413.
 */
public class LimitExceededException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names the limit and the value that broke it. */
  public LimitExceededException(String message) {
    super(message);
  }
}
