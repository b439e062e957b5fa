package dev.scheduler.daemon.execution;

import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.jobs.FailJobType;
import dev.scheduler.catalog.jobs.NoopJobType;
import dev.scheduler.catalog.jobs.SleepJobType;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.node.SchedulerNode;
import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts interrupt runs (TIMED_OUT); retries try failed runs again; the node stays healthy. */
class TimeoutIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path directory;

  private static final JobTypes TYPES =
      new JobTypes(
          List.of(new NoopJobType(), new SleepJobType(), new FailJobType(), new StubbornJobType()));

  private static SchedulerConfig config;
  private static SchedulerNode node;

  /** Busy for twelve seconds whatever happens: it swallows interrupts. */
  static final class StubbornJobType implements JobType {
    @Override
    public String name() {
      return "stubborn";
    }

    @Override
    public String summary() {
      return "ignores interrupts";
    }

    @Override
    public ParamSpec params() {
      return ParamSpec.of("stubborn");
    }

    @Override
    public JobAction create(Params params) {
      return run -> {
        long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (System.nanoTime() < end) {
          Thread.interrupted();
          Thread.onSpinWait();
        }
        return JobResult.done();
      };
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Path file =
        ClusterTestSupport.config(
            directory,
            db,
            """
            jobs:
              slow: { type: sleep, params: { duration: 1m }, timeout: 1s }
              stubborn: { type: stubborn, timeout: 1s }
              tick: { type: noop, schedule: { cron: "* * * * * ?" } }
              flaky:
                type: fail
                retry: { maxAttempts: 3, backoff: 500ms, multiplier: 2 }
            """);
    config = new ConfigLoader(Environment.of(Map.of()), TYPES).load(file);
    node = SchedulerNode.start(config, TYPES, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void aRunLongerThanItsTimeoutIsInterruptedAndRecordedTimedOut() {
    trigger("slow");

    await("slow to time out")
        .atMost(Duration.ofSeconds(40))
        .until(() -> status("slow").equals("TIMED_OUT"));
    assertThat(queryText(db, "select note from job_execution where job_name = 'slow'"))
        .isEqualTo("ran longer than its timeout of 1s");
    assertThat(queryLong(db, "select duration_ms from job_execution where job_name = 'slow'"))
        .isLessThan(10_000);
  }

  @Test
  void aRunIgnoringTheInterruptIsReportedAndTheNodeGoesOn() {
    trigger("stubborn");

    await("stubborn to be reported")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "ignored the interrupt 10 s after its 1s timeout and still holds a job thread"
                    .equals(
                        queryText(
                            db,
                            "select note from job_execution where job_name = 'stubborn' and"
                                + " status = 'RUNNING'")));
    long ticks = queryLong(db, "select count(*) from job_execution where job_name = 'tick'");
    await("tick to keep running meanwhile")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                queryLong(db, "select count(*) from job_execution where job_name = 'tick'")
                    > ticks + 2);
    await("stubborn to end as TIMED_OUT when it finally stops")
        .atMost(Duration.ofSeconds(30))
        .until(() -> status("stubborn").equals("TIMED_OUT"));
  }

  @Test
  void aFailedRunIsRetriedWithBackoffUntilItsLastAttempt() {
    trigger("flaky");

    await("three attempts")
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                queryLong(
                        db,
                        "select count(*) from job_execution where job_name = 'flaky' and status ="
                            + " 'FAILED'")
                    == 3);
    assertThat(
            queryText(
                db,
                "select string_agg(attempt::text, ',' order by attempt) from job_execution where"
                    + " job_name = 'flaky'"))
        .isEqualTo("1,2,3");
    assertThat(
            queryLong(
                db, "select count(distinct run_key) from job_execution where job_name = 'flaky'"))
        .isEqualTo(1);
    assertThat(
            queryText(
                db, "select note from job_execution where job_name = 'flaky' and attempt = 3"))
        .isEqualTo("final attempt 3 of 3 failed; no retry left");
    assertThat(
            queryLong(
                db,
                "select extract(epoch from (b.started_at - a.finished_at)) * 1000 from"
                    + " job_execution a join job_execution b on b.job_name = a.job_name and"
                    + " b.attempt = 3 where a.job_name = 'flaky' and a.attempt = 2"))
        .as("the second retry waits twice the first backoff")
        .isGreaterThanOrEqualTo(1000);
  }

  private static String status(String job) {
    String status =
        queryText(db, "select status from job_execution where job_name = '" + job + "'");
    return status == null ? "" : status;
  }

  private static void trigger(String job) {
    try (OperatorSession session = OperatorSession.open(config, Clock.systemUTC())) {
      new JobOperations(session).trigger(job, Map.of(), "tester@host");
    }
  }
}
