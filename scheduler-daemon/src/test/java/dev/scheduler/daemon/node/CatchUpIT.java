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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cluster stops, fires pass, a node starts again: each job's catch-up policy decides what
 * runs late, and every fire that does not run is in the history as MISSED.
 */
class CatchUpIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  @Test
  void afterDowntimeEachPolicyRunsWhatItSaysAndRecordsTheRest() {
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            jobs:
              skipper: { type: noop, schedule: { cron: "* * * * * ?" }, catchUp: skip, concurrency: allow }
              once: { type: noop, schedule: { cron: "* * * * * ?" }, catchUp: once, concurrency: allow }
              every:
                type: noop
                schedule: { cron: "* * * * * ?" }
                catchUp: all
                catchUpLimit: 3
                concurrency: allow
            """);
    // concurrency: allow, so that only downtime, not a run still going, holds fires back.
    Instant stopped;
    try (NodeProcess node =
        NodeProcess.start("first", directory, config, nodeEnvironment("node-a"))) {
      node.awaitReady();
      await("every job to run")
          .atMost(Duration.ofSeconds(30))
          .until(() -> queryLong(db, "select count(distinct job_name) from job_execution") == 3);
      assertThat(node.terminate(Duration.ofSeconds(30))).isZero();
      stopped = Instant.now();
    }

    // No node runs while at least ten fires of each job come due.
    await("ten seconds without any node")
        .pollInterval(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(15))
        .until(() -> Instant.now().isAfter(stopped.plusSeconds(12)));

    try (NodeProcess node =
        NodeProcess.start("second", directory, config, nodeEnvironment("node-a"))) {
      node.awaitReady();
      await("the catch-up of every job")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  queryLong(db, "select count(*) from job_execution where status = 'MISSED'")
                      >= 15);
      try {
        await("the catch-up runs of once and every")
            .atMost(Duration.ofSeconds(30))
            .until(() -> catchUpRuns("once") == 1 && catchUpRuns("every") == 3);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            e.getMessage()
                + "\n"
                + ClusterTestSupport.dump(
                    db,
                    "select job_name, status, trigger_name, scheduled_at, note from job_execution"
                        + " where status <> 'SUCCEEDED' or trigger_name like 'catchup%' order by"
                        + " job_name, scheduled_at")
                + node.log(),
            e);
      }
      assertThat(node.terminate(Duration.ofSeconds(30))).isZero();
    }

    for (String job : new String[] {"skipper", "once", "every"}) {
      assertThat(
              queryLong(
                  db,
                  "select count(*) from (select scheduled_at from job_execution where job_name = '"
                      + job
                      + "' group by scheduled_at having count(*) > 1) d"))
          .as("fires of %s recorded twice", job)
          .isZero();
      long firstMissed =
          queryLong(
              db,
              "select extract(epoch from min(scheduled_at)) from job_execution where job_name = '"
                  + job
                  + "' and status = 'MISSED'");
      long lastMissed =
          queryLong(
              db,
              "select extract(epoch from max(scheduled_at)) from job_execution where job_name = '"
                  + job
                  + "' and status = 'MISSED'");
      long rowsInOutage =
          queryLong(
              db,
              "select count(*) from job_execution where job_name = '"
                  + job
                  + "' and extract(epoch from scheduled_at) between "
                  + firstMissed
                  + " and "
                  + lastMissed);
      assertThat(rowsInOutage)
          .as("every second of the outage of %s has one row, run or missed", job)
          .isEqualTo(lastMissed - firstMissed + 1);
    }
    assertThat(catchUpRuns("skipper")).isZero();
    assertThat(missedNotes("skipper"))
        .isEqualTo("no node was running when it came due; the catch-up policy is skip");
    assertThat(missedNotes("once"))
        .isEqualTo(
            "no node was running when it came due; catch-up once ran the latest missed fire instead");
    assertThat(missedNotes("every"))
        .isEqualTo("no node was running when it came due; beyond the catch-up limit (3 runs)");
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where trigger_name like 'catchup-%' and status"
                    + " <> 'SUCCEEDED'"))
        .isZero();
  }

  private static long catchUpRuns(String job) {
    return queryLong(
        db,
        "select count(*) from job_execution where job_name = '"
            + job
            + "' and trigger_name like 'catchup-%'");
  }

  private static String missedNotes(String job) {
    try (var connection = db.connect();
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "select distinct note from job_execution where job_name = '"
                        + job
                        + "' and status = 'MISSED'")) {
      rows.next();
      String note = rows.getString(1);
      assertThat(rows.next()).as("one kind of note for %s", job).isFalse();
      return note;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
