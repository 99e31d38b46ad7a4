package dev.tvixstore.error;

/**
 * Something that must exist does not (for example a blob referenced while rendering a NAR). A plain
 * lookup miss is an empty {@code Optional}, never this exception. Maps to {@code NOT_FOUND} / 404.
 */
public class NotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names what was not found. */
  public NotFoundException(String message) {
    super(message);
  }
}
