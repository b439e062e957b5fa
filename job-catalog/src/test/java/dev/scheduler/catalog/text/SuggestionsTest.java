package dev.scheduler.catalog.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void suggestsTheClosestNameWithinATypoDistance() {
    List<String> keys = List.of("threads", "shutdownTimeout", "id");

    assertThat(Suggestions.didYouMean("thread", keys)).isEqualTo(" (did you mean threads?)");
    assertThat(Suggestions.didYouMean("shutdowntimeout", keys))
        .isEqualTo(" (did you mean shutdownTimeout?)");
  }

  @Test
  void suggestsNothingForNamesThatAreNotTypos() {
    assertThat(Suggestions.didYouMean("database", List.of("threads", "id"))).isEmpty();
  }
}
