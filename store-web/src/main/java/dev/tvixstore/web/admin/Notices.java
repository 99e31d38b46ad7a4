package dev.tvixstore.web.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** The notifications of the operations pages: errors stay until closed, results a while. */
public final class Notices {

  private static final int RESULT_MILLIS = 8000;

  private Notices() {}

  /** A failure with its reason; stays until closed, so the reason can be read and copied. */
  public static void error(String text) {
    Notification n = new Notification();
    n.setPosition(Notification.Position.TOP_END);
    n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    Span message = new Span(text);
    message.setId("notice-error");
    Button close = new Button("Close", e -> n.close());
    HorizontalLayout row = new HorizontalLayout(message, close);
    row.setAlignItems(FlexComponent.Alignment.CENTER);
    n.add(row);
    n.open();
  }

  /** A finished job's outcome. */
  public static void success(String text) {
    Notification n = new Notification();
    n.setPosition(Notification.Position.TOP_END);
    n.setDuration(RESULT_MILLIS);
    n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    Span message = new Span(text);
    message.setId("notice-success");
    n.add(message);
    n.open();
  }
}
