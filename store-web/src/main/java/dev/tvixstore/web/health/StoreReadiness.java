package dev.tvixstore.web.health;

import java.util.Optional;

/**
 * Whether the store can do its work, and if not, why: the one verdict behind {@code
 * /health/ready} and gRPC health.
 *
 * @param databaseUp the metadata database answered a validity check in time
 * @param freeBytes usable bytes on the data dir's file system
 * @param minFreeBytes below this the store is not ready ({@code tvix.store.health.min-free-bytes})
 * @param problem what is wrong, when something is
 */
public record StoreReadiness(
    boolean databaseUp, long freeBytes, long minFreeBytes, Optional<String> problem) {

  /** Judges the two measurements. */
  public static StoreReadiness of(boolean databaseUp, long freeBytes, long minFreeBytes) {
    Optional<String> problem = Optional.empty();
    if (!databaseUp) {
      problem = Optional.of("the metadata database does not answer");
    } else if (freeBytes < minFreeBytes) {
      problem =
          Optional.of(
              "the data dir has "
                  + freeBytes
                  + " bytes free, less than tvix.store.health.min-free-bytes="
                  + minFreeBytes);
    }
    return new StoreReadiness(databaseUp, freeBytes, minFreeBytes, problem);
  }

  /** Nothing is wrong. */
  public boolean ready() {
    return problem.isEmpty();
  }
}
