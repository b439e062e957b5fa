package dev.scheduler.daemon.node;

import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forbid job whose run outlasts its interval: the fires that come due meanwhile follow its
 * catch-up policy, and runs never overlap.
 */
class BlockedFiresIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  @Test
  void firesDueDuringARunFollowTheCatchUpPolicyAndRunsNeverOverlap() throws Exception {
    Path file =
        ClusterTestSupport.config(
            directory,
            db,
            """
            jobs:
              slow-skip:
                type: sleep
                params: { duration: 2500ms }
                schedule: { cron: "* * * * * ?" }
                catchUp: skip
              slow-once:
                type: sleep
                params: { duration: 2500ms }
                schedule: { cron: "* * * * * ?" }
                catchUp: once
            """);
    SchedulerNode node =
        SchedulerNode.start(
            new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(file),
            JobTypes.builtIn(),
            Clock.systemUTC());
    try {
      await("three runs of each job")
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  runs("slow-skip") >= 3
                      && queryLong(
                              db,
                              "select count(*) from job_execution where job_name = 'slow-once' and"
                                  + " status = 'SUCCEEDED' and trigger_name like 'catchup-%'")
                          >= 2);
    } finally {
      node.stop();
    }

    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where job_name = 'slow-skip' and status ="
                    + " 'SKIPPED' and note = 'the previous run was still going; the catch-up policy"
                    + " is skip'"))
        .as("fires skipped while slow-skip ran")
        .isGreaterThanOrEqualTo(4);
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where job_name = 'slow-skip' and trigger_name"
                    + " like 'catchup-%'"))
        .isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where job_name = 'slow-once' and status ="
                    + " 'SKIPPED' and note = 'the previous run was still going; catch-up once ran"
                    + " the latest missed fire instead'"))
        .as("older blocked fires of slow-once, superseded by the latest")
        .isGreaterThanOrEqualTo(2);
    for (String job : new String[] {"slow-skip", "slow-once"}) {
      assertThat(
              queryLong(
                  db,
                  "select count(*) from job_execution a join job_execution b on a.job_name ="
                      + " b.job_name and a.id < b.id where a.job_name = '"
                      + job
                      + "' and a.started_at is not null and b.started_at is not null and"
                      + " b.started_at < a.finished_at and a.started_at < b.finished_at"))
          .as("overlapping runs of %s", job)
          .isZero();
    }
  }

  private static long runs(String job) {
    return queryLong(
        db,
        "select count(*) from job_execution where job_name = '"
            + job
            + "' and status = 'SUCCEEDED'");
  }
}
