package dev.scheduler.daemon.node;

import static dev.scheduler.daemon.testing.ClusterTestSupport.nodeEnvironment;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two real node processes on one database share the work, and no fire runs twice. */
class TwoNodeClusterIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  @Test
  void twoNodesShareEverySecondJobsWithExactlyOneRunPerScheduledFire() {
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            jobs:
              a: { type: noop, schedule: { cron: "* * * * * ?" } }
              b: { type: noop, schedule: { cron: "* * * * * ?" } }
              c: { type: noop, schedule: { cron: "* * * * * ?" } }
            """);
    try (NodeProcess first =
            NodeProcess.start("node-1", directory, config, nodeEnvironment("node-1"));
        NodeProcess second =
            NodeProcess.start("node-2", directory, config, nodeEnvironment("node-2"))) {
      first.awaitReady();
      second.awaitReady();

      await("a minute of fires of three every-second jobs")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> queryLong(db, "select count(distinct scheduled_at) from job_execution") >= 60);

      assertThat(first.terminate(Duration.ofSeconds(60))).isZero();
      assertThat(second.terminate(Duration.ofSeconds(60))).isZero();
    }

    long duplicates =
        queryLong(
            db,
            "select count(*) from (select job_name, scheduled_at from job_execution"
                + " group by job_name, scheduled_at having count(*) > 1) d");
    assertThat(duplicates).as("scheduled fires that ran more than once").isZero();
    long unfinished =
        queryLong(db, "select count(*) from job_execution where status <> 'SUCCEEDED'");
    assertThat(unfinished).as("executions that did not succeed").isZero();
    for (String node : new String[] {"node-1", "node-2"}) {
      assertThat(queryLong(db, "select count(*) from job_execution where node_id = '" + node + "'"))
          .as("executions on %s", node)
          .isPositive();
    }
    // Between the first and the last fire, every job ran at every second: none was lost.
    long gaps =
        queryLong(
            db,
            "select count(*) from (select job_name, extract(epoch from max(scheduled_at) -"
                + " min(scheduled_at)) + 1 - count(*) as missing from job_execution group by"
                + " job_name) g where missing <> 0");
    assertThat(gaps).as("jobs with a second that has no run").isZero();
  }
}
