package dev.scheduler.daemon.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.catalog.notify.WebhookSender;
import dev.scheduler.daemon.config.JobAlerts;
import dev.scheduler.daemon.history.ExecutionStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertsTest {

  private static final Instant NINE = Instant.parse("2026-11-25T09:00:00Z");

  private final SteppedClock clock = new SteppedClock(NINE);
  private final RecordingSink log = new RecordingSink();
  private final RecordingSink webhook = new RecordingSink();
  private final Map<String, JobAlerts> jobs =
      Map.of(
          "billing", new JobAlerts(true, true),
          "chatty", new JobAlerts(false, false));
  private final Alerts alerts =
      new Alerts(
          "node-a",
          clock,
          new AlertGate(clock, Duration.ofHours(1)),
          job -> jobs.getOrDefault(job, JobAlerts.DEFAULT),
          log,
          List.of(webhook));

  @Test
  void aFinalFailureAlertsAndItsRepeatsWithinTheWindowAreCounted() {
    alerts.runEnded("report", ExecutionStatus.FAILED, false, "IOException: disk full", null);
    for (int minute = 1; minute <= 59; minute++) {
      clock.set(NINE.plus(Duration.ofMinutes(minute)));
      alerts.runEnded("report", ExecutionStatus.FAILED, false, "IOException: disk full", null);
    }
    clock.set(NINE.plus(Duration.ofMinutes(60)));
    alerts.runEnded("report", ExecutionStatus.FAILED, false, "IOException: disk full", null);

    assertThat(log.summaries())
        .containsExactly(
            "job report failed on node node-a: IOException: disk full",
            "job report failed on node node-a: IOException: disk full (and 59 more since 09:00"
                + " UTC)");
  }

  @Test
  void aDayOfFailuresEveryMinuteSendsAboutOneAlertAnHour() {
    for (int minute = 0; minute < 24 * 60; minute++) {
      clock.set(NINE.plus(Duration.ofMinutes(minute)));
      alerts.runEnded("report", ExecutionStatus.FAILED, false, null, null);
    }

    assertThat(log.sent).hasSize(24);
  }

  @Test
  void aFailureWithARetryPendingIsNotAnAlert() {
    alerts.runEnded("report", ExecutionStatus.FAILED, true, "boom", "attempt 1 of 3 failed");
    alerts.runEnded("report", ExecutionStatus.TIMED_OUT, true, null, "attempt 2 of 3 failed");

    assertThat(log.sent).isEmpty();
  }

  @Test
  void aFinalTimeoutIsItsOwnKind() {
    alerts.runEnded("report", ExecutionStatus.FAILED, false, "boom", null);
    alerts.runEnded(
        "report", ExecutionStatus.TIMED_OUT, false, null, "final attempt 3 of 3 failed");

    assertThat(log.sent)
        .extracting(Alert::kind)
        .containsExactly(AlertKind.FAILED, AlertKind.TIMED_OUT);
    assertThat(log.sent.get(1).details()).isEqualTo("final attempt 3 of 3 failed");
  }

  @Test
  void theFirstSuccessAfterAnAlertRecoversOnceAndTheNextFailureAlertsAtOnce() {
    alerts.runEnded("report", ExecutionStatus.SUCCEEDED, false, null, null);
    alerts.runEnded("report", ExecutionStatus.FAILED, false, "boom", null);
    alerts.runEnded("report", ExecutionStatus.FAILED, false, "boom", null);
    clock.set(NINE.plusSeconds(60));
    alerts.runEnded("report", ExecutionStatus.SUCCEEDED, false, null, null);
    alerts.runEnded("report", ExecutionStatus.SUCCEEDED, false, null, null);
    alerts.runEnded("report", ExecutionStatus.FAILED, false, "boom", null);

    assertThat(log.sent)
        .extracting(Alert::kind)
        .containsExactly(AlertKind.FAILED, AlertKind.RECOVERED, AlertKind.FAILED);
    assertThat(log.summaries().get(1))
        .isEqualTo("job report recovered: it succeeded on node node-a");
  }

  @Test
  void onlyCriticalJobsAndDeadNodesGoToTheWebhook() {
    alerts.runEnded("report", ExecutionStatus.FAILED, false, "boom", null);
    alerts.runEnded("billing", ExecutionStatus.FAILED, false, "boom", null);
    alerts.runEnded("billing", ExecutionStatus.SUCCEEDED, false, null, null);
    alerts.recovery().recovered("node-b", false, "no check-in for 40 s", List.of());

    assertThat(log.sent).hasSize(4);
    assertThat(webhook.sent)
        .extracting(Alert::kind, Alert::job, Alert::node)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertKind.FAILED, "billing", "node-a"),
            org.assertj.core.groups.Tuple.tuple(AlertKind.RECOVERED, "billing", "node-a"),
            org.assertj.core.groups.Tuple.tuple(AlertKind.NODE_DEAD, null, "node-b"));
  }

  @Test
  void aJobWithoutASuccessAlertsWithHowLongAndRecoversOnItsNextSuccessSeenInTheHistory() {
    clock.set(NINE.plus(Duration.ofHours(27)).plusSeconds(42));
    alerts.noSuccess("billing", NINE, Duration.ofHours(26));
    alerts.succeeded("billing", NINE.plus(Duration.ofHours(28)));
    alerts.succeeded("billing", NINE.plus(Duration.ofHours(29)));

    assertThat(log.summaries())
        .containsExactly(
            "job billing has not succeeded for 1d3h (expected at least every 1d2h)",
            "job billing recovered: it succeeded at 2026-11-26T13:00:00Z");
    assertThat(log.sent.get(0).kind()).isEqualTo(AlertKind.NO_SUCCESS);
    assertThat(log.sent.get(0).details()).startsWith("last success or start of watching:");
    assertThat(webhook.sent).hasSize(2);
  }

  @Test
  void anEmailAlertHasTheSummaryAsSubjectAndTheFactsInItsText() {
    Alert alert =
        new Alert(
            AlertKind.FAILED,
            "billing",
            "node-a",
            "job billing failed on node node-a: boom",
            "final attempt 3 of 3 failed",
            NINE,
            true);

    var email = EmailAlertSink.message(alert, List.of("ops@example.com"));

    assertThat(email.to()).containsExactly("ops@example.com");
    assertThat(email.subject())
        .isEqualTo("[scheduler] failed: job billing failed on node node-a: boom");
    assertThat(email.text())
        .contains("final attempt 3 of 3 failed", "job:  billing", "at:   2026-11-25T09:00:00Z");
  }

  @Test
  void aSilencedJobNeverAlerts() {
    alerts.runEnded("chatty", ExecutionStatus.FAILED, false, "boom", null);
    alerts.notRun().notRun("chatty", ExecutionStatus.MISSED, "downtime");
    alerts.recovery().recovered("node-b", false, "gone", List.of("chatty"));

    assertThat(log.sent).extracting(Alert::kind).containsExactly(AlertKind.NODE_DEAD);
  }

  @Test
  void missedFiresAlertButSkippedOnesDoNot() {
    alerts.notRun().notRun("report", ExecutionStatus.SKIPPED, "paused");
    alerts.notRun().notRun("report", ExecutionStatus.SKIPPED, "blocked");
    alerts.notRun().notRun("report", ExecutionStatus.MISSED, "downtime");
    alerts.notRun().notRun("report", ExecutionStatus.MISSED, "downtime");

    assertThat(log.sent).extracting(Alert::kind).containsExactly(AlertKind.MISSED);
  }

  @Test
  void aDeadNodeAlertsOnceAndEachJobItOrphanedOnce() {
    alerts
        .recovery()
        .recovered("node-b", false, "no check-in for 40 s", List.of("report", "billing", "report"));
    alerts.recovery().recovered("node-a", true, "it restarted", List.of());

    assertThat(log.summaries())
        .containsExactly(
            "node node-b counts as dead; node node-a took over its work",
            "job report: a run was ORPHANED, its node node-b died while it ran",
            "job billing: a run was ORPHANED, its node node-b died while it ran");
    assertThat(log.sent.get(0).details()).isEqualTo("no check-in for 40 s; 3 runs ORPHANED");
  }

  @Test
  void differentJobsAndKindsAreHeldBackApart() {
    alerts.runEnded("report", ExecutionStatus.FAILED, false, "boom", null);
    alerts.runEnded("export", ExecutionStatus.FAILED, false, "boom", null);
    alerts.runEnded("report", ExecutionStatus.TIMED_OUT, false, null, null);
    alerts.notRun().notRun("report", ExecutionStatus.MISSED, "downtime");

    assertThat(log.sent).hasSize(4);
  }

  @Test
  void anErrorMessageIsOneShortLine() {
    alerts.runEnded(
        "report", ExecutionStatus.FAILED, false, "first\nsecond " + "x".repeat(400), null);

    String summary = log.summaries().get(0);
    assertThat(summary)
        .doesNotContain("\n")
        .startsWith("job report failed on node node-a: first second");
    assertThat(summary).hasSizeLessThan(260).endsWith("...");
  }

  @Test
  void theWebhookBodyIsSlackTextWithTheAlertsFields() throws Exception {
    JsonNode body =
        new ObjectMapper()
            .valueToTree(
                WebhookAlertSink.body(
                    new Alert(
                        AlertKind.TIMED_OUT,
                        "report",
                        "node-a",
                        "job report timed out on node node-a",
                        "final attempt 2 of 2 failed",
                        NINE,
                        true)));

    assertThat(body.get("text").asText())
        .isEqualTo("job report timed out on node node-a\nfinal attempt 2 of 2 failed");
    assertThat(body.get("kind").asText()).isEqualTo("timed-out");
    assertThat(body.get("job").asText()).isEqualTo("report");
    assertThat(body.get("node").asText()).isEqualTo("node-a");
    assertThat(body.get("summary").asText()).isEqualTo("job report timed out on node node-a");
    assertThat(body.get("at").asText()).isEqualTo("2026-11-25T09:00:00Z");
  }

  @Test
  void theWebhookIsShownWithoutItsToken() {
    assertThat(
            WebhookSender.shown(
                URI.create("https://user:pw@hooks.example.com:8443/services/T/B/token?key=abc")))
        .isEqualTo("https://hooks.example.com:8443");
  }
}
