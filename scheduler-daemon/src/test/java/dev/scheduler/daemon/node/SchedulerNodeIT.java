package dev.scheduler.daemon.node;

import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.history.Execution;
import dev.scheduler.daemon.history.ExecutionStatus;
import dev.scheduler.daemon.history.HistoryRepository.HistoryFilter;
import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.JobSelection;
import dev.scheduler.daemon.ops.JobView;
import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One node, in this JVM, on a real PostgreSQL: firing, history, failures, pause, trigger. */
class SchedulerNodeIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path directory;

  private static SchedulerNode node;
  private static OperatorSession session;

  @BeforeAll
  static void startNode() throws Exception {
    Path file =
        ClusterTestSupport.config(
            directory,
            db,
            """
            node: { id: node-it, threads: 4 }
            jobs:
              tick:
                type: noop
                group: ticks
                schedule: { cron: "* * * * * ?" }
              broken:
                type: fail
                params: { message: "disk full" }
                schedule: { cron: "* * * * * ?" }
              pausable:
                type: noop
                schedule: { cron: "* * * * * ?" }
              on-demand:
                type: noop
            """);
    SchedulerConfig config =
        new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(file);
    node = SchedulerNode.start(config, JobTypes.builtIn(), Clock.systemUTC());
    session = OperatorSession.open(config, Clock.systemUTC());
  }

  @AfterAll
  static void stopNode() {
    if (session != null) {
      session.close();
    }
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void aJobFiresAndItsHistoryRowIsComplete() {
    Execution execution =
        await("a finished run of tick")
            .atMost(Duration.ofSeconds(20))
            .until(() -> latest("tick", ExecutionStatus.SUCCEEDED), Optional::isPresent)
            .orElseThrow();

    assertThat(execution.job()).isEqualTo("tick");
    assertThat(execution.trigger()).isEqualTo("tick");
    assertThat(execution.node()).isEqualTo("node-it");
    assertThat(execution.attempt()).isEqualTo(1);
    assertThat(execution.manual()).isFalse();
    assertThat(execution.scheduledAt())
        .isEqualTo(execution.scheduledAt().truncatedTo(ChronoUnit.SECONDS));
    assertThat(execution.runKey()).isEqualTo("tick@" + execution.scheduledAt());
    assertThat(execution.startedAt()).isAfterOrEqualTo(execution.scheduledAt());
    assertThat(execution.finishedAt()).isAfterOrEqualTo(execution.startedAt());
    assertThat(execution.durationMillis())
        .isEqualTo(Duration.between(execution.startedAt(), execution.finishedAt()).toMillis());
    assertThat(execution.errorClass()).isNull();
  }

  @Test
  void aFailingJobIsRecordedAsFailedAndTheNodeKeepsRunning() {
    Execution failure =
        await("a failed run of broken")
            .atMost(Duration.ofSeconds(20))
            .until(() -> latest("broken", ExecutionStatus.FAILED), Optional::isPresent)
            .orElseThrow();
    assertThat(failure.errorClass()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failure.errorMessage()).isEqualTo("disk full");

    Instant afterFailure = failure.finishedAt();
    await("broken to keep firing and tick to keep succeeding after a failure")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count("broken", "FAILED", afterFailure) >= 2
                    && count("tick", "SUCCEEDED", afterFailure) >= 2);
  }

  @Test
  void pauseStopsFiresAndResumeRestartsThemWithoutReplaying() {
    JobOperations jobs = new JobOperations(session);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count("pausable", "SUCCEEDED", Instant.EPOCH) > 0);

    jobs.pause(
        JobSelection.job("pausable"), Optional.of("testing"), Optional.empty(), "tester@host");
    Instant pausedAt = Instant.now();
    JobView view =
        jobs.list().stream().filter(job -> job.name().equals("pausable")).findFirst().orElseThrow();
    assertThat(view.paused()).isTrue();
    assertThat(view.pauseReason()).isEqualTo("testing");
    assertThat(view.pausedBy()).isEqualTo("tester@host");

    // A fire already acquired when the pause landed may still start within a second.
    Instant settled = pausedAt.plusSeconds(1);
    await("no fires of pausable while paused")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> scheduledSince("pausable", settled) == 0);

    Instant resumedAt = Instant.now();
    jobs.resume(JobSelection.job("pausable"));
    await("pausable fires again after resume")
        .atMost(Duration.ofSeconds(20))
        .until(() -> scheduledSince("pausable", resumedAt) > 0);
    assertThat(scheduledBetween("pausable", settled, resumedAt, "<> 'SKIPPED'"))
        .as("fires missed while paused are not replayed")
        .isZero();
    assertThat(scheduledBetween("pausable", settled, resumedAt, "= 'SKIPPED'"))
        .as("each fire that fell during the pause is recorded as SKIPPED")
        .isGreaterThanOrEqualTo(2);
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where job_name = 'pausable' and status ="
                    + " 'SKIPPED' and note <> 'the job was paused; resuming does not replay missed"
                    + " fires'"))
        .isZero();
  }

  @Test
  void triggerRunsAPausedJobOnceAsAManualRun() {
    JobOperations jobs = new JobOperations(session);
    jobs.pause(JobSelection.job("on-demand"), Optional.empty(), Optional.empty(), "tester@host");

    JobOperations.TriggeredRun run =
        jobs.trigger("on-demand", Map.of("reason", "test"), "tester@host");

    await("the manual run of on-demand")
        .atMost(Duration.ofSeconds(40))
        .until(() -> count("on-demand", "SUCCEEDED", Instant.EPOCH) == 1);
    Execution execution = latest("on-demand", ExecutionStatus.SUCCEEDED).orElseThrow();
    assertThat(execution.manual()).isTrue();
    assertThat(execution.trigger()).isEqualTo(run.trigger());
    await("no second run of on-demand")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> count("on-demand", null, Instant.EPOCH) == 1);
  }

  @Test
  void pausingAGroupPausesItsJobs() {
    JobOperations jobs = new JobOperations(session);
    List<String> paused =
        jobs.pause(JobSelection.group("ticks"), Optional.empty(), Optional.empty(), "tester@host");
    try {
      assertThat(paused).containsExactly("tick");
    } finally {
      jobs.resume(JobSelection.group("ticks"));
    }
  }

  @Test
  void theRoutineCheckInsAndLooksRunOnTheNodesOwnSession() {
    // pg_stat_activity shows each session's latest statement; the liveness session's is its lock
    // until a routine check-in or look runs there instead of on a pooled connection. The looks for
    // missed fires and for ended pauses both come every 5 s, often back to back: either one shows.
    awaitOnLivenessSession("a check-in", "query like 'with checkin as%'");
    awaitOnLivenessSession(
        "a look for missed fires or ended pauses",
        "(query like 'SELECT COUNT(TRIGGER_NAME) FROM QRTZ_TRIGGERS%'"
            + " or query like 'select job_name, job_group from job_pause%')");
  }

  private static void awaitOnLivenessSession(String what, String condition) {
    await(what + " on the liveness session")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                queryLong(
                        db,
                        "select count(*) from pg_stat_activity where datname = current_database()"
                            + " and application_name = 'scheduler-liveness-node-it' and "
                            + condition)
                    == 1);
  }

  private static Optional<Execution> latest(String job, ExecutionStatus status) {
    try {
      return session
          .history()
          .find(new HistoryFilter(Optional.of(job), Optional.of(status), Optional.empty(), 1))
          .stream()
          .findFirst();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(String job, String status, Instant finishedAfter) {
    return queryLong(
        db,
        "select count(*) from job_execution where job_name = '"
            + job
            + "'"
            + (status == null ? "" : " and status = '" + status + "'")
            + " and coalesce(finished_at, started_at) > '"
            + finishedAfter
            + "'");
  }

  private static long scheduledSince(String job, Instant since) {
    return queryLong(
        db,
        "select count(*) from job_execution where job_name = '"
            + job
            + "' and scheduled_at > '"
            + since
            + "'");
  }

  private static long scheduledBetween(String job, Instant from, Instant to, String status) {
    return queryLong(
        db,
        "select count(*) from job_execution where job_name = '"
            + job
            + "' and status "
            + status
            + " and scheduled_at > '"
            + from
            + "' and scheduled_at < '"
            + to
            + "'");
  }
}
