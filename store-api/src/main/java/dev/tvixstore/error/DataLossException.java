package dev.tvixstore.error;

/**
 * Stored data was found missing or corrupt (a chunk file absent, a BLAKE3 mismatch). Maps to
 * {@code DATA_LOSS} / HTTP 503 before a response starts, and to an aborted transfer after.
 */
public class DataLossException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names the damaged object (e.g. the chunk digest). */
  public DataLossException(String message) {
    super(message);
  }

  /** Creates the exception, keeping the I/O error that revealed the damage. */
  public DataLossException(String message, Throwable cause) {
    super(message, cause);
  }
}
