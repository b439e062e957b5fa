package dev.scheduler.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogFormatPropertyTest {

  private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

  @Test
  void textUnlessJsonIsAskedFor() {
    assertThat(resolve(null)).isEqualTo("text");
    assertThat(resolve("")).isEqualTo("text");
    assertThat(resolve("text")).isEqualTo("text");
    assertThat(resolve("json")).isEqualTo("json");
    assertThat(resolve(" JSON ")).isEqualTo("json");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void anUnknownFormatLogsAsTextWithOneWarning() {
    assertThat(resolve("xml")).isEqualTo("text");
    assertThat(warnings())
        .isEqualTo(
            "warning: SCHEDULER_LOG_FORMAT=xml is not a log format; set it to text or json"
                + " (logging as text)"
                + System.lineSeparator());
  }

  private String resolve(String value) {
    return LogFormatProperty.resolve(
        value, new PrintStream(warnings, true, StandardCharsets.UTF_8));
  }

  private String warnings() {
    return warnings.toString(StandardCharsets.UTF_8);
  }
}
