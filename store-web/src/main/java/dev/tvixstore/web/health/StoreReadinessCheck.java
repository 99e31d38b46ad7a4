package dev.tvixstore.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: the database answers and the data dir has room. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

  @Inject private ReadinessProbe probe;

  @Override
  public HealthCheckResponse call() {
    StoreReadiness r = probe.check();
    HealthCheckResponseBuilder b =
        HealthCheckResponse.named("tvix-store")
            .status(r.ready())
            .withData("database", r.databaseUp() ? "up" : "down")
            .withData("dataDirFreeBytes", r.freeBytes())
            .withData("minFreeBytes", r.minFreeBytes());
    r.problem().ifPresent(p -> b.withData("problem", p));
    return b.build();
  }
}
