package dev.tvixstore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesWhatTheApiSends() {
    assertEquals(
        Map.of("a", 1L, "b", List.of(true, false), "c", "x\"y\u00e9\n", "d", 2.5,
            "e", Map.of()),
        Json.parse(" {\"a\": 1, \"b\": [true, false], \"c\": \"x\\\"y\\u00e9\\n\", \"d\": 2.5,"
            + " \"e\": {}} "));
    assertEquals(Arrays.asList(null, -3L), Json.parse("[null,-3]"));
  }

  @Test
  void rejectsBrokenJson() {
    for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{} x", "<html>")) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Json.object("[]"));
  }

  @Test
  void quotesWhatItParsesBack() {
    for (String s :
        List.of("", "plain", "q\"b\\s", "tab\tnl\ncr\r", "nul\u0000bell\u0007", "é€")) {
      assertEquals(s, Json.parse(Json.quote(s)), s);
    }
    assertEquals("\"a\\u0001\"", Json.quote("a\u0001"));
    assertEquals("null", Json.quote(null));
  }
}
