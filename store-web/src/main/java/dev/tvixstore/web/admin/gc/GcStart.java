package dev.tvixstore.web.admin.gc;

/** What pressing "dry run" or "collect" did. */
public sealed interface GcStart {

  /** A run started in the background; follow it by its id. */
  record Started(long runId) implements GcStart {}

  /**
   * No run started.
   *
   * @param reason what to tell the user, with the cause
   */
  record Refused(String reason) implements GcStart {
    public Refused {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a refusal needs a reason");
      }
    }
  }
}
