package dev.tvixstore.web.admin.gc;

import java.util.Objects;

/**
 * One line of the run history, as shown.
 *
 * @param kind {@code dry run} or {@code collection}
 * @param status the run's state, with the phase it stopped in when it did not succeed
 * @param freed counts freed (or that would be), e.g. {@code 2 directories, 3 blobs, 5 chunks}
 * @param bytes bytes of chunk files freed, with and without rows
 * @param error why it failed; empty if it did not
 */
public record GcRunRow(
    long id,
    String kind,
    String started,
    String ended,
    String status,
    String freed,
    String bytes,
    String error) {

  public GcRunRow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(ended, "ended");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(freed, "freed");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(error, "error");
  }
}
