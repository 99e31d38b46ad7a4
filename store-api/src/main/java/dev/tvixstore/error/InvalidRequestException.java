package dev.tvixstore.error;

/**
 * The caller sent something that breaks a rule: a malformed digest, name, order, size, store path,
 * NAR or narinfo. Maps to {@code INVALID_ARGUMENT} / HTTP 400. The message names the rule and the
 * offending value.
 */
public class InvalidRequestException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names the broken rule and the offending value. */
  public InvalidRequestException(String message) {
    super(message);
  }

  /** Creates the exception, keeping the parse error that caused it. */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
