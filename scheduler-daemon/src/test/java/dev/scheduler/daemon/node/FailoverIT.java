package dev.scheduler.daemon.node;

import static dev.scheduler.daemon.testing.ClusterTestSupport.nodeEnvironment;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.daemon.testing.CliProcess;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes die with kill -9 or stop with SIGTERM; a survivor takes over their triggers and runs their
 * recoverable work again, and the history says what happened.
 */
class FailoverIT {

  @RegisterExtension static final TestDatabase db = TestDatabase.perTest();
  @TempDir Path directory;

  private static final String JOBS =
      """
      node: { shutdownTimeout: 1s }
      jobs:
        tick: { type: noop, schedule: { cron: "* * * * * ?" } }
        long-work: { type: sleep, params: { duration: 40s }, recover: true }
        fragile-work: { type: sleep, params: { duration: 40s }, recover: false }
        flaky:
          type: fail
          retry: { maxAttempts: 2, backoff: 6s }
      """;

  @Test
  void aKilledNodesRecoverableRunRunsAgainOnASurvivorAndItsTriggersMoveOver() {
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    try (NodeProcess a = NodeProcess.start("a", directory, config, nodeEnvironment("node-a"));
        NodeProcess b = NodeProcess.start("b", directory, config, nodeEnvironment("node-b"))) {
      a.awaitReady();
      b.awaitReady();
      trigger(config, "long-work");
      trigger(config, "fragile-work");
      await("both to run")
          .atMost(Duration.ofSeconds(40))
          .until(() -> running("long-work") == 1 && running("fragile-work") == 1);

      // Kill whichever node runs long-work.
      String victim =
          queryText(db, "select node_id from job_execution where job_name = 'long-work'");
      NodeProcess dying = victim.equals("node-a") ? a : b;
      String survivor = victim.equals("node-a") ? "node-b" : "node-a";
      dying.kill();
      Instant killed = Instant.now();

      await("long-work to run again on the survivor")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  queryLong(
                          db,
                          "select count(*) from job_execution where job_name = 'long-work' and"
                              + " node_id = '"
                              + survivor
                              + "' and recovery_of is not null")
                      == 1);
      Instant rerun =
          Instant.parse(
              queryText(
                  db,
                  "select to_char(started_at at time zone 'UTC',"
                      + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from job_execution"
                      + " where job_name = 'long-work' and recovery_of is not null"));
      System.out.println(
          "failover: kill -9 to the re-run's start took "
              + Duration.between(killed, rerun).toMillis()
              + " ms");

      assertThat(
              queryText(
                  db,
                  "select status || ' / ' || note from job_execution where job_name = 'long-work'"
                      + " and recovery_of is null"))
          .isEqualTo("ORPHANED / its node " + victim + " died while it ran");
      assertThat(
              queryLong(
                  db,
                  "select count(*) from job_execution r join job_execution o on o.id ="
                      + " r.recovery_of where r.job_name = 'long-work' and o.status = 'ORPHANED'"
                      + " and r.run_key = o.run_key"))
          .as("the re-run names the orphaned run and keeps its run key")
          .isEqualTo(1);
      // The survivor alerts on the dead node and the run it orphaned.
      NodeProcess surviving = victim.equals("node-a") ? b : a;
      surviving.awaitLog(
          "alert node-dead: node " + victim + " counts as dead; node " + survivor,
          Duration.ofSeconds(10));
      surviving.awaitLog(
          "alert orphaned: job long-work: a run was ORPHANED, its node "
              + victim
              + " died while it ran",
          Duration.ofSeconds(10));

      if (victim.equals(
          queryText(db, "select node_id from job_execution where job_name = 'fragile-work'"))) {
        await("fragile-work to be orphaned without a re-run")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    queryLong(
                            db,
                            "select count(*) from job_execution where job_name = 'fragile-work' and status = 'ORPHANED'")
                        == 1);
        assertThat(
                queryLong(db, "select count(*) from job_execution where job_name = 'fragile-work'"))
            .isEqualTo(1);
      }

      Instant afterKill = Instant.now();
      await("tick to keep firing on the survivor")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  queryLong(
                          db,
                          "select count(*) from job_execution where job_name = 'tick' and node_id"
                              + " = '"
                              + survivor
                              + "' and scheduled_at > '"
                              + afterKill
                              + "'")
                      >= 3);
    }
  }

  @Test
  void aNodeRefusesToStartBesideALiveNodeWithItsId() {
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    try (NodeProcess first =
        NodeProcess.start("first", directory, config, nodeEnvironment("twin"))) {
      first.awaitReady();

      CliProcess.Result second =
          CliProcess.run(directory, nodeEnvironment("twin"), "run", "--config", config.toString());

      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.err())
          .contains("error: node id twin is in use by a live node on host ")
          .contains("pid " + first.pid())
          .contains("give this node another id (SCHEDULER_NODE_ID or node.id)");
      assertThat(first.isAlive()).isTrue();
    }
  }

  @Test
  void sigtermLeavesAnInterruptedRecoverableRunToASurvivorAndExitsZeroInTime() {
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    try (NodeProcess a = NodeProcess.start("a", directory, config, nodeEnvironment("node-a"));
        NodeProcess b = NodeProcess.start("b", directory, config, nodeEnvironment("node-b"))) {
      a.awaitReady();
      b.awaitReady();
      trigger(config, "long-work");
      await("long-work to run")
          .atMost(Duration.ofSeconds(40))
          .until(() -> running("long-work") == 1);
      String runner =
          queryText(db, "select node_id from job_execution where job_name = 'long-work'");
      NodeProcess stopping = runner.equals("node-a") ? a : b;

      long began = System.nanoTime();
      assertThat(stopping.terminate(Duration.ofSeconds(30))).isZero();
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      assertThat(took)
          .as("shutdownTimeout 1s plus the interrupt grace")
          .isLessThan(Duration.ofSeconds(10));

      awaitOrDump(
          "long-work to run again on the other node",
          a,
          b,
          () ->
              queryLong(
                      db,
                      "select count(*) from job_execution r join job_execution o on o.id ="
                          + " r.recovery_of where r.job_name = 'long-work' and o.status ="
                          + " 'INTERRUPTED' and r.node_id <> '"
                          + runner
                          + "'")
                  == 1);
    }
  }

  private static void awaitOrDump(
      String what, NodeProcess a, NodeProcess b, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await(what).atMost(Duration.ofSeconds(30)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          what
              + " did not happen\n"
              + ClusterTestSupport.dump(
                  db,
                  "select id, job_name, status, node_id, trigger_name, recovery_of, note from"
                      + " job_execution where job_name <> 'tick' order by id")
              + ClusterTestSupport.dump(db, "select * from qrtz_fired_triggers")
              + ClusterTestSupport.dump(db, "select * from qrtz_scheduler_state")
              + "--- a\n"
              + a.log()
              + "--- b\n"
              + b.log(),
          e);
    }
  }

  @Test
  void aRetryIsStoredWithTheFailureAndSurvivesTheLossOfItsNode() {
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    try (NodeProcess a = NodeProcess.start("a", directory, config, nodeEnvironment("node-a"))) {
      a.awaitReady();
      trigger(config, "flaky");
      await("the first attempt to fail")
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  queryLong(
                          db,
                          "select count(*) from job_execution where job_name = 'flaky' and status = 'FAILED'")
                      == 1);
      assertThat(queryLong(db, "select count(*) from qrtz_triggers where trigger_group = 'retry'"))
          .as("the retry is a stored trigger")
          .isEqualTo(1);
      a.kill();
    }
    try (NodeProcess b = NodeProcess.start("b", directory, config, nodeEnvironment("node-b"))) {
      b.awaitReady();
      await("the second attempt, on the other node")
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  queryLong(
                          db,
                          "select count(*) from job_execution where job_name = 'flaky' and"
                              + " attempt = 2 and node_id = 'node-b' and status = 'FAILED'")
                      == 1);
      assertThat(
              queryLong(
                  db, "select count(distinct run_key) from job_execution where job_name = 'flaky'"))
          .isEqualTo(1);
      assertThat(
              queryText(
                  db, "select note from job_execution where job_name = 'flaky' and attempt = 2"))
          .isEqualTo("final attempt 2 of 2 failed; no retry left");
      assertThat(
              queryText(
                  db, "select note from job_execution where job_name = 'flaky' and attempt = 1"))
          .startsWith("attempt 1 of 2 failed; attempt 2 at ");
    }
  }

  private static long running(String job) {
    return queryLong(
        db,
        "select count(*) from job_execution where job_name = '" + job + "' and status = 'RUNNING'");
  }

  private void trigger(Path config, String job) {
    CliProcess.Result result =
        CliProcess.run(directory, Map.of(), "jobs", "trigger", job, "--config", config.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
  }
}
