package dev.tvixstore.web.admin.scrub;

/** What pressing "start scrub" did. */
public sealed interface ScrubStart {

  /** A scrub started in the background; follow it by its id. */
  record Started(long runId) implements ScrubStart {}

  /**
   * None started because run {@code runId} is going; the page follows that one.
   *
   * @param message what to tell the user
   */
  record AlreadyRunning(long runId, String message) implements ScrubStart {}

  /**
   * None started.
   *
   * @param reason what to tell the user, with the cause
   */
  record Refused(String reason) implements ScrubStart {
    public Refused {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a refusal needs a reason");
      }
    }
  }
}
