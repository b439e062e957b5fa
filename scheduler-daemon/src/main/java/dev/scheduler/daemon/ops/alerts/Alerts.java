package dev.scheduler.daemon.ops.alerts;

import dev.scheduler.catalog.notify.EmailSender;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.text.Durations;
import dev.scheduler.daemon.config.AlertsConfig;
import dev.scheduler.daemon.config.JobAlerts;
import dev.scheduler.daemon.config.JobConfig;
import dev.scheduler.daemon.history.ExecutionStatus;
import dev.scheduler.daemon.quartz.NotRunListener;
import dev.scheduler.daemon.quartz.RecoveryListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what this node sees (final failures, orphaned runs, missed fires, dead peers, recoveries)
 * into alerts, lets the {@link AlertGate} hold back repeats, and sends the rest to the log and, for
 * critical jobs and dead nodes, to the external sinks (webhook, email). Never throws to its
 * callers.
 */
public final class Alerts implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LogAlertSink.LOGGER);
  private static final int ERROR_LIMIT = 200;

  private final String nodeId;
  private final Clock clock;
  private final AlertGate gate;
  private final Function<String, JobAlerts> jobs;
  private final AlertSink logSink;
  private final List<AlertSink> external;

  Alerts(
      String nodeId,
      Clock clock,
      AlertGate gate,
      Function<String, JobAlerts> jobs,
      AlertSink logSink,
      List<AlertSink> external) {
    this.nodeId = nodeId;
    this.clock = clock;
    this.gate = gate;
    this.jobs = jobs;
    this.logSink = logSink;
    this.external = List.copyOf(external);
  }

  /**
   * This node's alerts as configured: the log always, the webhook and email when they are set.
   *
   * @param smtp the mail server; present whenever {@code config} sends email (checked with the
   *     configuration)
   */
  public static Alerts of(
      AlertsConfig config,
      Optional<SmtpSettings> smtp,
      Map<String, JobConfig> declared,
      String nodeId,
      Clock clock) {
    List<AlertSink> external = new ArrayList<>();
    config.webhook().ifPresent(url -> external.add(WebhookAlertSink.to(url.reveal())));
    if (!config.emailTo().isEmpty()) {
      SmtpSettings server =
          smtp.orElseThrow(() -> new IllegalStateException("alerts.email needs smtp settings"));
      external.add(EmailAlertSink.to(new EmailSender(server, clock), config.emailTo()));
    }
    return new Alerts(
        nodeId,
        clock,
        new AlertGate(clock, config.repeatAfter()),
        job ->
            Optional.ofNullable(declared.get(job)).map(JobConfig::alerts).orElse(JobAlerts.DEFAULT),
        new LogAlertSink(),
        external);
  }

  /**
   * A run of the job ended on this node.
   *
   * @param retryPending whether another attempt is stored (then a failure is not final)
   * @param error what failed it, in a line; may be null
   * @param note the run's history note (its attempt, its timeout); may be null
   */
  public void runEnded(
      String job, ExecutionStatus status, boolean retryPending, String error, String note) {
    JobAlerts settings = jobs.apply(job);
    if (!settings.enabled()) {
      return;
    }
    switch (status) {
      case SUCCEEDED -> recovered(job, settings, "it succeeded on node " + nodeId);
      case FAILED, TIMED_OUT -> {
        if (retryPending) {
          return;
        }
        boolean timedOut = status == ExecutionStatus.TIMED_OUT;
        String what = timedOut ? " timed out" : " failed";
        admit(
            new Alert(
                timedOut ? AlertKind.TIMED_OUT : AlertKind.FAILED,
                job,
                nodeId,
                "job "
                    + job
                    + what
                    + " on node "
                    + nodeId
                    + (error == null ? "" : ": " + line(error)),
                note,
                clock.instant(),
                settings.critical()));
      }
      default -> {}
    }
  }

  /** Missed fires: those that came due while no node ran (not those skipped or blocked). */
  public NotRunListener notRun() {
    return (job, status, reason) -> {
      if (status != ExecutionStatus.MISSED) {
        return;
      }
      JobAlerts settings = jobs.apply(job);
      if (settings.enabled()) {
        admit(
            new Alert(
                AlertKind.MISSED,
                job,
                nodeId,
                "job " + job + " missed a fire: no node was running when it came due",
                "its catch-up policy decides whether it runs late; `scheduler history --job "
                    + job
                    + "` lists the fires missed",
                clock.instant(),
                settings.critical()));
      }
    };
  }

  /** Dead peers this node recovered, and the runs they left orphaned. */
  public RecoveryListener recovery() {
    return (node, self, reason, orphanedJobs) -> {
      if (!self) {
        admit(
            new Alert(
                AlertKind.NODE_DEAD,
                null,
                node,
                "node " + node + " counts as dead; node " + nodeId + " took over its work",
                reason + "; " + orphanedJobs.size() + " runs ORPHANED",
                clock.instant(),
                true));
      }
      String died = self ? "its node " + node + " restarted" : "its node " + node + " died";
      for (String job : orphanedJobs.stream().distinct().toList()) {
        JobAlerts settings = jobs.apply(job);
        if (settings.enabled()) {
          admit(
              new Alert(
                  AlertKind.ORPHANED,
                  job,
                  node,
                  "job " + job + ": a run was ORPHANED, " + died + " while it ran",
                  "a recoverable job runs again on a surviving node",
                  clock.instant(),
                  settings.critical()));
        }
      }
    };
  }

  /**
   * A job has not succeeded for longer than it is expected to. Repeats are held back like any
   * alert's; its next success sends a recovery.
   *
   * @param since its last success, or when watching began if it has none since
   */
  public void noSuccess(String job, Instant since, Duration expected) {
    JobAlerts settings = jobs.apply(job);
    if (!settings.enabled()) {
      return;
    }
    Duration silent = Duration.between(since, clock.instant());
    admit(
        new Alert(
            AlertKind.NO_SUCCESS,
            job,
            nodeId,
            "job "
                + job
                + " has not succeeded for "
                + Durations.format(roundedToMinutes(silent))
                + " (expected at least every "
                + Durations.format(expected)
                + ")",
            "last success or start of watching: "
                + since
                + "; `scheduler history --job "
                + job
                + "` shows its recent runs",
            clock.instant(),
            settings.critical()));
  }

  /**
   * A job succeeded, seen in the history rather than on this node: sends its recovery if this node
   * alerted on it. A success on this node itself is told through {@link #runEnded}.
   */
  public void succeeded(String job, Instant at) {
    JobAlerts settings = jobs.apply(job);
    if (settings.enabled()) {
      recovered(job, settings, "it succeeded at " + at);
    }
  }

  private void recovered(String job, JobAlerts settings, String how) {
    if (gate.recovered(job)) {
      send(
          new Alert(
              AlertKind.RECOVERED,
              job,
              nodeId,
              "job " + job + " recovered: " + how,
              null,
              clock.instant(),
              settings.critical()));
    }
  }

  private static Duration roundedToMinutes(Duration duration) {
    return duration.compareTo(Duration.ofMinutes(1)) < 0
        ? duration.withNanos(0)
        : Duration.ofMinutes(duration.toMinutes());
  }

  private void admit(Alert alert) {
    Optional<Alert> admitted = gate.admit(alert);
    if (admitted.isPresent()) {
      send(admitted.get());
    } else {
      log.debug(
          "alert held back ({} repeats so far): {}",
          gate.heldBack(alert.dedupKey()),
          alert.summary());
    }
  }

  /** An error's message on one short line: a summary is one line. */
  private static String line(String error) {
    String oneLine = error.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= ERROR_LIMIT ? oneLine : oneLine.substring(0, ERROR_LIMIT) + "...";
  }

  private void send(Alert alert) {
    try {
      logSink.send(alert);
      if (alert.external()) {
        external.forEach(sink -> sink.send(alert));
      }
    } catch (RuntimeException e) {
      log.warn("could not send an alert ({}): {}", e, alert.summary());
    }
  }

  @Override
  public void close() {
    external.forEach(AlertSink::close);
  }
}
