package dev.tvixstore.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;

class InMemoryTokenServiceTest extends TokenServiceContract {
  @Override
  protected TokenService newService() {
    return new InMemoryTokenService(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
  }
}
