package dev.scheduler.catalog.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSpecTest {

  private static final Param<Duration> TIMEOUT = Param.required("timeout", ValueKinds.DURATION);
  private static final Param<Integer> BATCH =
      Param.optional("batchSize", ValueKinds.integer(1, 100_000), 1000);
  private static final Param<String> FORMAT =
      Param.optional("format", ValueKinds.oneOf("html", "csv"), "html");
  private static final Param<Map<String, String>> HEADERS =
      Param.optional("headers", ValueKinds.STRING_MAP, Map.of());
  private static final ParamSpec SPEC = ParamSpec.of("example", TIMEOUT, BATCH, FORMAT, HEADERS);

  @Test
  void reportsEveryProblemAtOnceWithTheParameterName() {
    List<String> problems =
        SPEC.validate(Map.of("batchSize", "0", "format", "pdf", "headerz", Map.of()));

    assertThat(problems)
        .containsExactly(
            "timeout: required (a duration such as 30s)",
            "batchSize: 0 is out of range; use a whole number from 1 to 100000",
            "format: 'pdf' is not one of html, csv",
            "headerz: unknown parameter (did you mean headers?); the example type takes: timeout,"
                + " batchSize, format, headers");
  }

  @Test
  void rejectsValuesOfTheWrongShape() {
    assertThat(SPEC.validate(Map.of("timeout", List.of("5s"), "headers", "x")))
        .containsExactly(
            "timeout: expected a duration such as 30s, not a list",
            "headers: expected a map of names to texts");
  }

  @Test
  void bindsTypedValuesWithDefaults() {
    Params params = SPEC.bind(Map.of("timeout", "2m", "headers", Map.of("X-Id", 7)));

    assertThat(params.get(TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
    assertThat(params.get(BATCH)).isEqualTo(1000);
    assertThat(params.get(FORMAT)).isEqualTo("html");
    assertThat(params.get(HEADERS)).containsEntry("X-Id", "7");
  }

  @Test
  void bindingInvalidValuesFailsWithAllProblems() {
    assertThatThrownBy(() -> SPEC.bind(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid parameters for job type example: timeout: required (a duration such as 30s)");
  }

  @Test
  void aTypeWithoutParametersSaysSo() {
    assertThat(ParamSpec.of("noop").validate(Map.of("x", 1)))
        .containsExactly("x: unknown parameter; the noop type takes no parameters");
  }
}
