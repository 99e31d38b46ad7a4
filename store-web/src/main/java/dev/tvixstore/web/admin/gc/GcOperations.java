package dev.tvixstore.web.admin.gc;

import dev.tvixstore.ejb.gc.GcBusyException;
import dev.tvixstore.ejb.gc.GcRun;
import dev.tvixstore.ejb.gc.GcService;
import dev.tvixstore.error.NotFoundException;
import java.util.List;

/**
 * What the GC page needs of {@link GcService}; an interface so the presenter can be tested with
 * a fake instead of the EJB.
 */
public interface GcOperations {

  /**
   * Starts a run in the background (on the service's executor) and returns at once.
   *
   * @return the run's id
   * @throws GcBusyException if a run is going
   */
  long start(boolean dryRun);

  /**
   * A recorded run.
   *
   * @throws NotFoundException if there is none with that id
   */
  GcRun run(long id);

  /** The newest runs, newest first, at most {@code limit}. */
  List<GcRun> runs(int limit);

  /** The deployed service. */
  static GcOperations of(GcService service) {
    return new GcOperations() {
      @Override
      public long start(boolean dryRun) {
        return service.start(dryRun);
      }

      @Override
      public GcRun run(long id) {
        return service.run(id);
      }

      @Override
      public List<GcRun> runs(int limit) {
        return service.runs(limit);
      }
    };
  }
}
