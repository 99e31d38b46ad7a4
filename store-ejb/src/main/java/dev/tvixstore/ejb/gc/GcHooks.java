package dev.tvixstore.ejb.gc;

/**
 * Points inside a GC run where tests pause it (latches) or make it fail, to play interleavings
 * with writers deterministically and to crash between phases. Production uses {@link #NONE}, or
 * for the crash ITs {@link GcService}'s halt property.
 */
@FunctionalInterface
public interface GcHooks {
  /** Does nothing. */
  GcHooks NONE = point -> {};

  /** Before each phase, the point is the phase's name. */
  static String before(GcPhase phase) {
    return "before:" + phase.name();
  }

  /** After a chunk file was renamed to trash, before its mtime is read again. */
  String TRASHED = "trashed";

  /** After a batch of chunk rows was deleted (committed), before their files go. */
  String CHUNK_ROWS_DELETED = "chunk-rows-deleted";

  /** Called at {@code point}; may block or throw (the run then fails there). */
  void at(String point);
}
