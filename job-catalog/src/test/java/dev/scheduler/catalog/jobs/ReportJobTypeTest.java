package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.params.ParamSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportJobTypeTest {

  // builtIn() validates without a database, as config checks do.
  private static final ParamSpec PARAMS = JobTypes.builtIn().require("report").params();

  @Test
  void needsAnAbsoluteDirectoryUnlessItIsSentOnly() {
    assertThat(PARAMS.validate(Map.of()))
        .containsExactly(
            "directory: required unless the report goes by emailTo or webhookUrl; set at least"
                + " one of them");
    assertThat(PARAMS.validate(Map.of("webhookUrl", "https://hooks.example.com/services/x")))
        .isEmpty();
    assertThat(PARAMS.validate(Map.of("directory", "reports")))
        .containsExactly(
            "directory: 'reports' is not an absolute path; write it from the root, such as"
                + " /var/reports");
    assertThat(PARAMS.validate(Map.of("directory", "/var/reports"))).isEmpty();
  }

  @Test
  void emailNeedsAMailServerAndRealAddresses() {
    assertThat(PARAMS.validate(Map.of("emailTo", List.of("ops@example.com"))))
        .containsExactly(
            "emailTo: email needs a mail server: add a valid smtp section (host, from, ...) to the"
                + " configuration");
    ParamSpec withSmtp =
        JobTypes.builtIn(
                JobResources.validating(
                    Set.of(),
                    Optional.of(
                        new SmtpSettings(
                            "smtp.example.com",
                            587,
                            SmtpSettings.Security.STARTTLS,
                            Optional.empty(),
                            Optional.empty(),
                            "scheduler@example.com",
                            Duration.ofSeconds(30)))))
            .require("report")
            .params();
    assertThat(withSmtp.validate(Map.of("emailTo", List.of("ops@example.com")))).isEmpty();
    assertThat(withSmtp.validate(Map.of("emailTo", List.of("ops"))))
        .containsExactly(
            "emailTo: 'ops' is not an email address; write one such as ops@example.com");
    assertThat(withSmtp.validate(Map.of("directory", "/r", "webhookUrl", "hooks/T0KEN")))
        .singleElement()
        .asString()
        .startsWith("webhookUrl: the value is not an http(s) URL")
        .doesNotContain("T0KEN");
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
