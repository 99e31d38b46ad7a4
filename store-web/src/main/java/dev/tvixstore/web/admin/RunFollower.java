package dev.tvixstore.web.admin;

import com.vaadin.flow.component.UI;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Follows one run (a GC, a scrub) on a page: shows its status at once and then at every poll
 * until it has finished. The page says how to look a run up and what to do at each step; the
 * sequence is here, once.
 *
 * @param <S> the page's view of a run's status
 */
public final class RunFollower<S extends RunFollower.Status> {

  /** What the follower needs to know of a status. */
  public interface Status {
    /** Whether the run has ended, successfully or not; polling stops then. */
    boolean finished();
  }

  private final Polling polling;
  private final LongFunction<S> lookup;
  private final Consumer<S> show;
  private final Runnable running;
  private final Consumer<S> finished;
  private long runId = -1;

  /**
   * A follower polling every {@code pollMillis} ms.
   *
   * @param lookup a run's status by its id
   * @param show shows a status, at the start and at every poll
   * @param running called once when a followed run is still going (to disable its buttons)
   * @param finished called once with the status in which the run is seen finished
   */
  public RunFollower(
      int pollMillis,
      LongFunction<S> lookup,
      Consumer<S> show,
      Runnable running,
      Consumer<S> finished) {
    this.polling = new Polling(pollMillis);
    this.lookup = lookup;
    this.show = show;
    this.running = running;
    this.finished = finished;
  }

  /** Follows {@code id} from now on, in place of any run followed before. */
  public void follow(long id) {
    runId = id;
    S status = lookup.apply(id);
    show.accept(status);
    if (status.finished()) {
      finished.accept(status);
      return;
    }
    running.run();
    polling.start(UI.getCurrent(), this::tick);
  }

  private void tick() {
    S status = lookup.apply(runId);
    show.accept(status);
    if (status.finished()) {
      polling.stop(UI.getCurrent());
      finished.accept(status);
    }
  }

  /** Stops polling, for a page detaching from {@code ui}. */
  public void stop(UI ui) {
    polling.stop(ui);
  }
}
