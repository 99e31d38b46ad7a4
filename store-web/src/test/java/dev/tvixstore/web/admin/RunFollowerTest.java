package dev.tvixstore.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunFollowerTest {
  /** A run's status: its id and how many looks it takes to finish. */
  record Seen(long runId, int look, boolean finished) implements RunFollower.Status {}

  private final UI ui = new UI();
  private final List<String> events = new ArrayList<>();
  private final int[] looks = new int[1];
  private int finishAfter;

  private final RunFollower<Seen> follower =
      new RunFollower<>(
          250,
          id -> {
            int look = ++looks[0];
            return new Seen(id, look, look >= finishAfter);
          },
          s -> events.add("show " + s.runId() + "#" + s.look()),
          () -> events.add("running"),
          s -> events.add("finished " + s.runId() + "#" + s.look()));

  @BeforeEach
  void current() {
    UI.setCurrent(ui);
  }

  @AfterEach
  void clear() {
    UI.setCurrent(null);
  }

  private void poll() {
    ComponentUtil.fireEvent(ui, new PollEvent(ui, true));
  }

  @Test
  void aFinishedRunIsShownOnceAndNotPolled() {
    finishAfter = 1;
    follower.follow(7);
    assertEquals(List.of("show 7#1", "finished 7#1"), events);
    assertEquals(-1, ui.getPollInterval());
  }

  @Test
  void aRunningRunIsPolledUntilItFinishesThenPollingStops() {
    finishAfter = 3;
    follower.follow(9);
    assertEquals(250, ui.getPollInterval());
    poll();
    poll();
    poll(); // after the end: nobody listens any more
    assertEquals(
        List.of("show 9#1", "running", "show 9#2", "show 9#3", "finished 9#3"), events);
    assertEquals(-1, ui.getPollInterval());
  }

  @Test
  void aDetachingPageStopsPolling() {
    finishAfter = 100;
    follower.follow(3);
    follower.stop(ui);
    poll();
    assertEquals(List.of("show 3#1", "running"), events);
    assertEquals(-1, ui.getPollInterval());
  }

  @Test
  void followingAnotherRunPollsThatOne() {
    finishAfter = 100;
    follower.follow(1);
    follower.follow(2);
    poll();
    assertEquals(List.of("show 1#1", "running", "show 2#2", "running", "show 2#3"), events);
  }
}
