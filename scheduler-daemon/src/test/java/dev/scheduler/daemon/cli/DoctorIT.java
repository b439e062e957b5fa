package dev.scheduler.daemon.cli;

import static dev.scheduler.daemon.testing.ClusterTestSupport.queryText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.quartz.DeclaredJob;
import dev.scheduler.daemon.quartz.QuartzSchedulers;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.testing.TestDatabase;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The doctor finds triggers stuck with no live node behind them, and releases them. */
class DoctorIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void findsAndReleasesStuckTriggersAndOrphanedRuns() throws Exception {
    Path file =
        ClusterTestSupport.config(
            directory,
            db,
            """
            jobs:
              acquired: { type: noop, schedule: { cron: "0 0 * * * ?" } }
              blocked: { type: noop, schedule: { cron: "0 0 * * * ?" } }
            """);
    SchedulerConfig config =
        new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(file);
    DatabaseMigrations.migrate(db.dataSource());
    var quartz = QuartzSchedulers.client("setup", db.dataSource(), Clock.systemUTC());
    quartz.store().reconcile(config.jobs().values().stream().map(DeclaredJob::from).toList());
    quartz.scheduler().shutdown();
    try (Connection connection = db.connect()) {
      var sql = connection.createStatement();
      // What a crash between Quartz's steps, or one of its bugs, can leave behind.
      sql.execute(
          "update qrtz_triggers set trigger_state = 'ACQUIRED' where trigger_name = 'acquired'");
      sql.execute(
          "update qrtz_triggers set trigger_state = 'BLOCKED' where trigger_name = 'blocked'");
      sql.execute(
          "insert into job_execution (job_name, job_group, node_id, run_key, scheduled_at,"
              + " started_at, status, attempt, manual) values ('acquired', 'default', 'gone',"
              + " 'acquired@2026-01-01T00:00:00Z', now(), now(), 'RUNNING', 1, false)");
    }

    assertThat(run(file, "doctor")).isEqualTo(1);
    assertThat(out.toString())
        .contains("STUCK_ACQUIRED  trigger schedule.acquired of job acquired")
        .contains("STUCK_BLOCKED   trigger schedule.blocked of job blocked")
        .contains("ORPHANED_RUNS   node gone")
        .contains("with --repair");

    out.getBuffer().setLength(0);
    assertThat(run(file, "doctor", "--repair")).isZero();
    assertThat(
            queryText(
                db, "select trigger_state from qrtz_triggers where trigger_name = 'acquired'"))
        .isEqualTo("WAITING");
    assertThat(
            queryText(db, "select trigger_state from qrtz_triggers where trigger_name = 'blocked'"))
        .isEqualTo("WAITING");
    assertThat(queryText(db, "select status from job_execution where node_id = 'gone'"))
        .isEqualTo("ORPHANED");

    out.getBuffer().setLength(0);
    assertThat(run(file, "doctor")).isZero();
    assertThat(out.toString().strip()).isEqualTo("nothing is stuck");
  }

  private int run(Path config, String... args) {
    return InProcessCli.run(config, out, err, args);
  }
}
