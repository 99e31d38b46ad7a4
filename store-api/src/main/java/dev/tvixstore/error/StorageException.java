package dev.tvixstore.error;

/**
 * The storage technology failed (I/O, database). Backends wrap {@code IOException} or
 * {@code PersistenceException} in this at their boundary and keep the cause. Maps to
 * {@code INTERNAL} / 500; the detail is logged, the client gets a short message.
 */
public class StorageException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception, keeping the technology exception as cause. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause. */
  public StorageException(String message) {
    super(message);
  }
}
