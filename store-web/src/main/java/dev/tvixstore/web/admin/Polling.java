package dev.tvixstore.web.admin;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/**
 * A page's polling of the server while a run it shows goes on: plain polling (server push needs
 * no extra bundle either, but polling keeps no connection open while nothing runs). One per page;
 * stop it when the run ends and when the page detaches, since the interval is the UI's.
 */
public final class Polling {
  private final int millis;
  private Registration listener;

  /** Polls every {@code millis} ms once started. */
  public Polling(int millis) {
    this.millis = millis;
  }

  /** Calls {@code tick} on every poll of {@code ui} from now on; nothing if already polling. */
  public void start(UI ui, Runnable tick) {
    if (listener == null) {
      ui.setPollInterval(millis);
      listener = ui.addPollListener(e -> tick.run());
    }
  }

  /** Stops polling {@code ui}; nothing if not polling. */
  public void stop(UI ui) {
    if (listener != null) {
      listener.remove();
      listener = null;
      ui.setPollInterval(-1);
    }
  }
}
