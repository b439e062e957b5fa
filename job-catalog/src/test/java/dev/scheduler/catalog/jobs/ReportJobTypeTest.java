package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.params.ParamSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJobTypeTest {

  // builtIn() validates without a database, as config checks do.
  private static final ParamSpec PARAMS = JobTypes.builtIn().require("report").params();

  @Test
  void needsAnAbsoluteDirectory() {
    assertThat(PARAMS.validate(Map.of()))
        .containsExactly("directory: required (an absolute directory path)");
    assertThat(PARAMS.validate(Map.of("directory", "reports")))
        .containsExactly(
            "directory: 'reports' is not an absolute path; write it from the root, such as"
                + " /var/reports");
    assertThat(PARAMS.validate(Map.of("directory", "/var/reports"))).isEmpty();
  }

  @Test
  void refusesUnknownPeriodsZonesAndFormats() {
    assertThat(
            PARAMS.validate(
                Map.of("directory", "/r", "period", "hourly", "timezone", "Europe/Berln")))
        .hasSize(2)
        .anyMatch(problem -> problem.startsWith("period: 'hourly' is not one of daily"))
        .anyMatch(problem -> problem.startsWith("timezone: unknown time zone 'Europe/Berln'"));
    assertThat(PARAMS.validate(Map.of("directory", "/r", "formats", List.of("html", "pdf"))))
        .containsExactly("formats: 'pdf' is unknown; use html, csv or both");
  }
}
