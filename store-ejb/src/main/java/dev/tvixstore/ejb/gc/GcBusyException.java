package dev.tvixstore.ejb.gc;

import dev.tvixstore.error.StoreException;

/** A GC was asked for while one runs (HTTP 409). */
public final class GcBusyException extends StoreException {
  private static final long serialVersionUID = 1L;

  public GcBusyException(String message) {
    super(message);
  }
}
