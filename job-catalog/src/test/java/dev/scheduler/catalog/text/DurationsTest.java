package dev.scheduler.catalog.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms,PT0.5S",
    "30s,PT30S",
    "5m,PT5M",
    "2h,PT2H",
    "1d,PT24H",
    "1h30m,PT1H30M",
    " 10S ,PT10S"
  })
  void readsTheFormsPeopleWrite(String text, String expected) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @Test
  void rejectsAnythingElseNamingTheValueAndTheForm() {
    assertThatThrownBy(() -> Durations.parse("thirty seconds"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'thirty seconds' is not a duration; write it like 500ms, 30s, 5m, 2h, 1d or 1h30m");
    assertThatThrownBy(() -> Durations.parse("30")).hasMessageContaining("'30' is not a duration");
    assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("'-5s'");
  }

  @Test
  void formatsToTheShortestFormThatReadsBack() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    for (String text : new String[] {"500ms", "30s", "1d2h3m4s5ms"}) {
      assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
  }
}
