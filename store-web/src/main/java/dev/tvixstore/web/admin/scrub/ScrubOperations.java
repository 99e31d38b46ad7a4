package dev.tvixstore.web.admin.scrub;

import dev.tvixstore.ejb.scrub.ScrubDamage;
import dev.tvixstore.ejb.scrub.ScrubRun;
import dev.tvixstore.ejb.scrub.ScrubRunner;
import dev.tvixstore.ejb.scrub.ScrubService;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the integrity page needs of {@link ScrubService}; an interface so tests pass a fake. */
public interface ScrubOperations {

  /**
   * Starts a scrub in the background unless one runs; returns at once.
   *
   * @param rateBytesPerSecond this run's rate (0: unlimited); empty takes the configured one
   */
  ScrubRunner.Start start(OptionalLong rateBytesPerSecond);

  /** The latest runs, newest first. */
  List<ScrubRun> runs(int limit);

  /** One run; empty if unknown. */
  Optional<ScrubRun> run(long id);

  /** The first {@code limit} objects run {@code id} found damaged, with the paths each breaks. */
  List<ScrubDamage> damage(long id, int limit);

  /** The deployed service. */
  static ScrubOperations of(ScrubService service) {
    return new ScrubOperations() {
      @Override
      public ScrubRunner.Start start(OptionalLong rateBytesPerSecond) {
        return service.start(rateBytesPerSecond);
      }

      @Override
      public List<ScrubRun> runs(int limit) {
        return service.runs(limit);
      }

      @Override
      public Optional<ScrubRun> run(long id) {
        return service.run(id);
      }

      @Override
      public List<ScrubDamage> damage(long id, int limit) {
        return service.damage(id, limit);
      }
    };
  }
}
