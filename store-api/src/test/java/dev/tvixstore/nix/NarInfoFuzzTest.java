package dev.tvixstore.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tvixstore.error.InvalidRequestException;
import dev.tvixstore.error.LimitExceededException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link NarInfo#parse}: it may only fail with {@link InvalidRequestException} (or {@link
 * LimitExceededException} for oversized text), and what it accepts renders to text that parses to
 * the same value and renders identically again. {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=NarInfoFuzzTest} searches for new inputs.
 */
class NarInfoFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parseAcceptsOnlyWhatRoundTrips(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    NarInfo info;
    try {
      info = NarInfo.parse(text);
    } catch (InvalidRequestException | LimitExceededException e) {
      return;
    }
    String rendered = info.render();
    NarInfo again = NarInfo.parse(rendered);
    assertEquals(info, again);
    assertEquals(rendered, again.render());
    assertEquals(info.fingerprint(), again.fingerprint());
  }
}
