package dev.scheduler.daemon.node;

import static dev.scheduler.daemon.testing.ClusterTestSupport.nodeEnvironment;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.daemon.quartz.QuartzSchedulers;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.testing.QuartzRows;
import dev.scheduler.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bursts of fires due at once on two real nodes, which drain them on the fast path: each fire runs
 * exactly once, or, when it was running on a node killed with kill -9, is orphaned and recovered
 * exactly once; a {@code forbid} job never runs twice at a time across the nodes.
 */
class BurstIT {

  @RegisterExtension static final TestDatabase db = TestDatabase.perTest();
  @TempDir Path directory;

  private static final String JOBS =
      """
      jobs:
        burst: { type: sleep, params: { duration: 20ms }, recover: true, concurrency: allow }
        serial: { type: sleep, params: { duration: 30ms }, concurrency: forbid }
      """;

  @Test
  void aNodeKilledMidBurstLosesNoFireAndRunsNoneTwice() throws Exception {
    int fires = 4_000;
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    try (NodeProcess a = NodeProcess.start("a", directory, config, nodeEnvironment("node-a"));
        NodeProcess b = NodeProcess.start("b", directory, config, nodeEnvironment("node-b"))) {
      a.awaitReady();
      b.awaitReady();
      seed("burst", fires);

      await("a part of the burst to run")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> queryLong(db, "select count(*) from job_execution") >= 500);
      a.kill();

      awaitOrDump(
          "every fire of the burst to end",
          () ->
              queryLong(
                      db,
                      "select count(*) from job_execution where trigger_group = 'burst' and status"
                          + " in ('SUCCEEDED', 'ORPHANED')")
                  == fires);
      awaitOrDump(
          "every orphaned run to be recovered",
          () ->
              queryLong(db, "select count(*) from job_execution where status <> 'SUCCEEDED'")
                  == queryLong(
                      db,
                      "select count(*) from job_execution r join job_execution o on o.id ="
                          + " r.recovery_of where r.status = 'SUCCEEDED'"));
    }

    System.out.println(
        "burst with kill -9: "
            + ClusterTestSupport.dump(
                db,
                "select node_id, status, count(*) from job_execution group by 1, 2 order by 1, 2"));
    assertThat(
            queryLong(
                db,
                "select count(*) from (select trigger_name from job_execution where trigger_group"
                    + " = 'burst' group by trigger_name having count(*) <> 1) twice"))
        .as("fires recorded other than once")
        .isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where status = 'ORPHANED' and node_id <>"
                    + " 'node-a'"))
        .as("orphaned runs on the survivor")
        .isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution o where o.status = 'ORPHANED' and (select"
                    + " count(*) from job_execution r where r.recovery_of = o.id) <> 1"))
        .as("orphaned runs not recovered exactly once")
        .isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where status not in ('SUCCEEDED',"
                    + " 'ORPHANED')"))
        .as("runs that neither succeeded nor were orphaned by the kill")
        .isZero();
    assertThat(queryLong(db, "select count(*) from job_execution where node_id = 'node-b'"))
        .as("runs on the survivor")
        .isPositive();
    assertThat(queryLong(db, "select count(*) from qrtz_triggers where trigger_group = 'burst'"))
        .as("one-shot triggers left behind")
        .isZero();
  }

  /**
   * One-shots that came due while no node ran (manual runs asked for during maintenance, say) are
   * caught up in one statement rather than Quartz's 20 misfires per pass, and then run like any
   * burst: each once.
   */
  @Test
  void oneShotsThatCameDueWhileNoNodeRanEachRunOnce() throws Exception {
    int fires = 3_000;
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    // A first run of the cluster creates the schema and the jobs; then it is stopped.
    try (NodeProcess first =
        NodeProcess.start("first", directory, config, nodeEnvironment("node-a"))) {
      first.awaitReady();
      assertThat(first.terminate(Duration.ofSeconds(60))).isZero();
    }
    try (Connection conn = db.connect()) {
      QuartzRows.oneShots(
          conn,
          QuartzSchedulers.CLUSTER_NAME,
          "burst",
          "burst",
          fires,
          Instant.now().minus(Duration.ofMinutes(10)));
    }
    try (NodeProcess a = NodeProcess.start("a", directory, config, nodeEnvironment("node-a"));
        NodeProcess b = NodeProcess.start("b", directory, config, nodeEnvironment("node-b"))) {
      a.awaitReady();
      b.awaitReady();
      awaitOrDump(
          "every fire that came due during the downtime to run",
          () ->
              queryLong(db, "select count(*) from job_execution where status = 'SUCCEEDED'")
                  == fires);
      assertThat(a.log() + b.log()).contains("one-shot fires that came due while no node ran");
    }

    assertThat(
            queryLong(
                db,
                "select count(*) from (select trigger_name from job_execution group by"
                    + " trigger_name having count(*) <> 1) twice"))
        .as("fires recorded other than once")
        .isZero();
    assertThat(queryLong(db, "select count(*) from job_execution"))
        .as("history rows: one run per fire, none missed")
        .isEqualTo(fires);
    assertThat(queryLong(db, "select count(*) from qrtz_triggers where trigger_group = 'burst'"))
        .as("one-shot triggers left behind")
        .isZero();
  }

  @Test
  void aForbidJobNeverRunsTwiceAtATimeAcrossNodes() throws Exception {
    int fires = 60;
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    try (NodeProcess a = NodeProcess.start("a", directory, config, nodeEnvironment("node-a"));
        NodeProcess b = NodeProcess.start("b", directory, config, nodeEnvironment("node-b"))) {
      a.awaitReady();
      b.awaitReady();
      seed("serial", fires);

      awaitOrDump(
          "every fire of the forbid job to run",
          () ->
              queryLong(
                      db,
                      "select count(*) from job_execution where job_name = 'serial' and status ="
                          + " 'SUCCEEDED'")
                  == fires);
    }

    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution x join job_execution y on x.id < y.id"
                    + " where x.job_name = 'serial' and y.job_name = 'serial'"
                    + " and x.started_at < y.finished_at and y.started_at < x.finished_at"))
        .as("pairs of runs of the forbid job that overlapped")
        .isZero();
    assertThat(queryLong(db, "select count(*) from job_execution where job_name = 'serial'"))
        .as("runs of the forbid job")
        .isEqualTo(fires);
    assertThat(
            queryLong(
                db,
                "select count(*) from qrtz_triggers where trigger_state in ('BLOCKED',"
                    + " 'PAUSED_BLOCKED', 'ACQUIRED')"))
        .as("triggers left blocked or acquired")
        .isZero();
  }

  private static void seed(String job, int count) throws SQLException {
    try (Connection conn = db.connect()) {
      QuartzRows.oneShots(
          conn, QuartzSchedulers.CLUSTER_NAME, job, job, count, Instant.now().plusMillis(500));
    }
  }

  private static void awaitOrDump(String what, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await(what)
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          what
              + " did not happen\n"
              + ClusterTestSupport.dump(
                  db,
                  "select status, node_id, count(*), count(recovery_of) from job_execution"
                      + " group by 1, 2 order by 1, 2")
              + ClusterTestSupport.dump(
                  db, "select trigger_state, count(*) from qrtz_triggers group by 1 order by 1")
              + ClusterTestSupport.dump(
                  db,
                  "select instance_name, state, count(*) from qrtz_fired_triggers group by 1, 2"),
          e);
    }
  }
}
