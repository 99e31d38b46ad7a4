package dev.tvixstore.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tvixstore.error.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  private static Optional<String> secret(String header) {
    return Credentials.secret(Optional.of(header));
  }

  private static String basic(String userAndPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noHeaderIsNoSecret() {
    assertEquals(Optional.empty(), Credentials.secret(Optional.empty()));
  }

  @Test
  void bearerInAnyCaseGivesTheToken() {
    assertEquals(Optional.of("tvs_abc"), secret("Bearer tvs_abc"));
    assertEquals(Optional.of("tvs_abc"), secret("bearer   tvs_abc "));
  }

  @Test
  void basicGivesThePasswordWhateverTheUser() {
    // What Nix sends from a netrc-file line "machine host login nix password tvs_abc".
    assertEquals(Optional.of("tvs_abc"), secret(basic("nix:tvs_abc")));
    assertEquals(Optional.of("tvs:abc"), secret(basic(":tvs:abc")));
  }

  @Test
  void malformedHeadersAreUnauthenticatedWithoutEchoingCredentials() {
    for (String bad :
        new String[] {
          "Bearer", "Bearer   ", "Basic", "Basic !!!", basic("nopassword"), basic("user:"),
          "Digest username=x", "tvs_abc"
        }) {
      UnauthenticatedException e =
          assertThrows(UnauthenticatedException.class, () -> secret(bad), bad);
      assertFalse(e.getMessage().contains("tvs_abc"), e.getMessage());
    }
    assertEquals(
        "unsupported authorization scheme 'Digest': use Bearer or Basic",
        assertThrows(UnauthenticatedException.class, () -> secret("Digest username=x"))
            .getMessage());
    assertEquals(
        "authorization header without a known scheme: use Bearer <token> or Basic",
        assertThrows(UnauthenticatedException.class, () -> secret("x\ny z")).getMessage());
  }
}
