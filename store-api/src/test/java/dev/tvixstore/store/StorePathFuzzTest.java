package dev.tvixstore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tvixstore.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link StorePath#parse}: it may only fail with {@link InvalidRequestException}, and what
 * it accepts renders back to the same text. {@code mvn test} replays the saved inputs; {@code
 * JAZZER_FUZZ=1 mvn test -Dtest=StorePathFuzzTest} searches for new ones.
 */
class StorePathFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parseAcceptsOnlyWhatRoundTrips(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    StorePath path;
    try {
      path = StorePath.parse(text);
    } catch (InvalidRequestException e) {
      return;
    }
    assertEquals(text, path.toBasename());
    assertEquals(path, StorePath.parse(path.toBasename()));
    assertEquals(path, StorePath.parseAbsolute(path.toAbsolutePath()));
    assertEquals(path, new StorePath(path.digest(), path.name()));
  }
}
