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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes, forbid jobs firing every second and every two seconds, and a node killed with kill
 * -9 and started again, over and over. Counted from the history: no scheduled fire ran twice,
 * except a recovery re-run of a run whose node died, and no two runs of one job overlapped.
 */
class ChaosIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  private static final int CYCLES = 4;

  @Test
  void repeatedKillsNeverRunAFireTwiceNorOverlapRuns() {
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            jobs:
              quick: { type: noop, schedule: { cron: "* * * * * ?" } }
              steady: { type: noop, schedule: { cron: "* * * * * ?" } }
              slow:
                type: sleep
                params: { duration: 1500ms }
                schedule: { cron: "0/2 * * * * ?" }
                catchUp: skip
            """);
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(NodeProcess.start("node-" + i, directory, config, nodeEnvironment("node-" + i)));
      }
      nodes.forEach(NodeProcess::awaitReady);
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        int victim = cycle % 3;
        long before = executions();
        await("work to go on before the next kill")
            .atMost(Duration.ofSeconds(30))
            .until(() -> executions() >= before + 10);
        nodes.get(victim).kill();
        Instant killed = Instant.now();
        await("the cluster to go on without the killed node")
            .atMost(Duration.ofSeconds(30))
            .until(() -> executionsSince(killed) >= 6);
        nodes.set(
            victim,
            NodeProcess.start(
                "node-" + victim + "-" + cycle,
                directory,
                config,
                nodeEnvironment("node-" + victim)));
        nodes.get(victim).awaitReady();
      }
      for (NodeProcess node : nodes) {
        assertThat(node.terminate(Duration.ofSeconds(60))).isZero();
      }
    } finally {
      nodes.forEach(NodeProcess::close);
    }

    assertThat(
            queryLong(
                db,
                "select count(*) from (select job_name, scheduled_at from job_execution where"
                    + " recovery_of is null and status not in ('MISSED', 'SKIPPED') group by"
                    + " job_name, scheduled_at having count(*) > 1) d"))
        .as("scheduled fires that ran twice (recovery re-runs aside)")
        .isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution r join job_execution o on o.id = r.recovery_of"
                    + " where o.status not in ('ORPHANED', 'INTERRUPTED') or o.run_key <> r.run_key"))
        .as("re-runs of anything but an orphaned run of the same fire")
        .isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution a join job_execution b on a.job_name ="
                    + " b.job_name and a.id < b.id where a.started_at is not null and b.started_at"
                    + " is not null and b.started_at < coalesce(a.finished_at, 'infinity') and"
                    + " a.started_at < coalesce(b.finished_at, 'infinity')"))
        .as("overlapping runs of one job")
        .isZero();
    assertThat(queryLong(db, "select count(*) from job_execution where status = 'RUNNING'"))
        .as(
            () ->
                "runs left RUNNING: "
                    + ClusterTestSupport.dump(
                        db,
                        "select e.id, e.job_name, e.node_id, e.scheduled_at, e.started_at,"
                            + " e.fire_instance_id, f.state, f.instance_name from job_execution e"
                            + " left join qrtz_fired_triggers f on f.entry_id ="
                            + " e.fire_instance_id where e.status = 'RUNNING'")
                    + "\nnodes: "
                    + ClusterTestSupport.dump(db, "select * from scheduler_node"))
        .isZero();
    assertThat(queryLong(db, "select count(*) from job_execution where status = 'ORPHANED'"))
        .as("runs orphaned by the kills")
        .isLessThanOrEqualTo(CYCLES * 3L);
  }

  private static long executions() {
    return queryLong(db, "select count(*) from job_execution where started_at is not null");
  }

  private static long executionsSince(Instant at) {
    return queryLong(db, "select count(*) from job_execution where started_at > '" + at + "'");
  }
}
