package dev.tvixstore.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: the application answers. Deliberately nothing more: a full disk or a
 * database outage makes the store unready, and restarting it would not help.
 */
@Liveness
@ApplicationScoped
public class StoreLivenessCheck implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up("tvix-store");
  }
}
