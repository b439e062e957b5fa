package dev.scheduler.daemon.node;

import static dev.scheduler.daemon.testing.ClusterTestSupport.nodeEnvironment;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.daemon.quartz.QuartzSchedulers;
import dev.scheduler.daemon.testing.CliProcess;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.testing.QuartzRows;
import dev.scheduler.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM drains a node: running jobs finish, or are interrupted after shutdownTimeout. */
class ShutdownIT {

  @RegisterExtension static final TestDatabase db = TestDatabase.perTest();
  @TempDir Path directory;

  @Test
  void sigtermLetsARunningJobFinishThenExitsZero() {
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            node: { shutdownTimeout: 30s }
            jobs:
              report: { type: sleep, params: { duration: 3s } }
            """);
    try (NodeProcess node =
        NodeProcess.start("drain", directory, config, nodeEnvironment("drain"))) {
      node.awaitReady();
      trigger(config, "report");
      await("report to start")
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  queryLong(db, "select count(*) from job_execution where status = 'RUNNING'")
                      == 1);

      assertThat(node.terminate(Duration.ofSeconds(30))).isZero();
      assertThat(node.log())
          .contains("stopping: no new fires; waiting at most 30 s for 1 running jobs");
    }
    assertThat(queryLong(db, "select count(*) from job_execution where status = 'SUCCEEDED'"))
        .isEqualTo(1);
  }

  @Test
  void sigtermInterruptsWhatOutlivesTheShutdownTimeout() {
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            node: { shutdownTimeout: 1s }
            jobs:
              long-task: { type: sleep, params: { duration: 10m } }
            """);
    try (NodeProcess node =
        NodeProcess.start("interrupt", directory, config, nodeEnvironment("interrupt"))) {
      node.awaitReady();
      trigger(config, "long-task");
      await("long-task to start")
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  queryLong(
                          db,
                          "select count(*) from job_execution where job_name = 'long-task' and"
                              + " status = 'RUNNING'")
                      == 1);

      long began = System.nanoTime();
      assertThat(node.terminate(Duration.ofSeconds(30))).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(15));
      assertThat(node.log()).contains("interrupting 1 jobs still running after 1 s: long-task");
    }
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where job_name = 'long-task' and status ="
                    + " 'INTERRUPTED'"))
        .isEqualTo(1);
  }

  /**
   * A stop that comes while a burst drains: the firing the scheduler thread just committed is
   * handed to job threads after the node stopped taking new fires, and those runs must finish and
   * complete like the others before the node exits, not be left RUNNING with their firings open.
   */
  @Test
  void sigtermInTheMiddleOfABurstLeavesNoFiredRunUnfinished() throws Exception {
    int fires = 5_000;
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            node: { shutdownTimeout: 30s, threads: 20 }
            jobs:
              drip: { type: sleep, params: { duration: 5ms }, concurrency: allow }
            """);
    try (NodeProcess node =
        NodeProcess.start("burst", directory, config, nodeEnvironment("burst"))) {
      node.awaitReady();
      try (Connection conn = db.connect()) {
        QuartzRows.oneShots(
            conn,
            QuartzSchedulers.CLUSTER_NAME,
            "drip",
            "drip",
            fires,
            Instant.now().plusMillis(500));
      }
      // Stored behind the node's back, the burst is found at its next look, within the 30 s idle
      // wait.
      await("a part of the burst to run")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> queryLong(db, "select count(*) from job_execution") >= 500);

      assertThat(node.terminate(Duration.ofSeconds(60))).isZero();
    }

    assertThat(queryLong(db, "select count(*) from job_execution where status <> 'SUCCEEDED'"))
        .as("runs that did not finish")
        .isZero();
    assertThat(queryLong(db, "select count(*) from qrtz_fired_triggers"))
        .as("firings left open")
        .isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from qrtz_triggers where trigger_group = 'drip' and"
                    + " trigger_state <> 'WAITING'"))
        .as("triggers neither run nor given back")
        .isZero();
    assertThat(
            queryLong(db, "select count(*) from job_execution")
                + queryLong(db, "select count(*) from qrtz_triggers where trigger_group = 'drip'"))
        .as("fires that either ran once or wait for the next node")
        .isEqualTo(fires);
  }

  private void trigger(Path config, String job) {
    CliProcess.Result result =
        CliProcess.run(directory, Map.of(), "jobs", "trigger", job, "--config", config.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
  }
}
