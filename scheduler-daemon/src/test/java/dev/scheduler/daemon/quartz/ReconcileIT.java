package dev.scheduler.daemon.quartz;

import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.quartz.JobPauses.JobPause;
import dev.scheduler.daemon.quartz.QuartzSchedulers.QuartzHandle;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

/** Reconciling the configuration into a real job store, as nodes do when they start. */
class ReconcileIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  @BeforeAll
  static void migrate() {
    DatabaseMigrations.migrate(db.dataSource());
  }

  @Test
  void aChangedConfigurationUpdatesOnlyWhatChangedAndKeepsPauses() throws Exception {
    QuartzHandle quartz = client("first");
    try {
      quartz
          .store()
          .reconcile(
              declared(
                  """
          jobs:
            hourly: { type: noop, schedule: { cron: "0 0 * * * ?" } }
            nightly: { type: noop, schedule: { cron: "0 0 1 * * ?", timezone: Europe/Berlin } }
            retired: { type: noop, schedule: { cron: "0 0 2 * * ?" } }
          """));
      long hourlyNext = nextFire("hourly");
      assertThat(
              queryLong(
                  db,
                  "select count(*) from qrtz_triggers t join qrtz_simprop_triggers p on"
                      + " p.trigger_name = t.trigger_name and p.trigger_group = t.trigger_group"
                      + " where t.trigger_name = 'nightly' and t.trigger_type = 'LOCALTM' and"
                      + " p.str_prop_1 = 'cron 0 0 1 * * ?' and p.str_prop_2 = 'Europe/Berlin'"))
          .as("the schedule is stored as the scheduler's own trigger, readable in the table")
          .isEqualTo(1);
      quartz
          .store()
          .pauseJobs(
              List.of(new JobKey("nightly", "default")),
              new JobPause(Instant.now(), "tester@host", Optional.empty(), Optional.empty()),
              conn -> null);

      ReconcilePlan plan =
          quartz
              .store()
              .reconcile(
                  declared(
                      """
          jobs:
            hourly: { type: noop, schedule: { cron: "0 0 * * * ?" } }
            nightly: { type: noop, schedule: { cron: "0 30 3 * * ?", timezone: Europe/Berlin } }
            added: { type: sleep, params: { duration: 1s } }
          """));

      assertThat(plan.changes())
          .extracting(ReconcilePlan.Change::describe)
          .containsExactlyInAnyOrder(
              "set the schedule of nightly (cron \"0 30 3 * * ?\" in Europe/Berlin)",
              "added job added (no schedule)",
              "removed job retired (no longer in the configuration)");
      assertThat(nextFire("hourly"))
          .as("the unchanged trigger keeps its next fire")
          .isEqualTo(hourlyNext);
      assertThat(triggerState("nightly"))
          .as("a paused job's new schedule starts paused")
          .isEqualTo("PAUSED");
      assertThat(queryLong(db, "select count(*) from qrtz_job_details where job_name = 'retired'"))
          .isZero();
    } finally {
      quartz.scheduler().shutdown();
    }
  }

  @Test
  void twoNodesReconcilingAtOnceAddEachJobOnce() throws Exception {
    String yaml =
        """
        jobs:
          x: { type: noop, schedule: { cron: "0 0 * * * ?" } }
          y: { type: noop, schedule: { cron: "0 0 * * * ?" } }
        """;
    List<DeclaredJob> declared = declared(yaml);
    QuartzHandle one = client("one");
    QuartzHandle two = client("two");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<ReconcilePlan> first = () -> one.store().reconcile(declared);
      Callable<ReconcilePlan> second = () -> two.store().reconcile(declared);
      Future<ReconcilePlan> a = pool.submit(first);
      Future<ReconcilePlan> b = pool.submit(second);
      int changes = a.get().changes().size() + b.get().changes().size();

      assertThat(changes).as("the second reconcile finds nothing left to do").isEqualTo(2);
      assertThat(
              queryLong(db, "select count(*) from qrtz_triggers where trigger_name in ('x', 'y')"))
          .isEqualTo(2);
    } finally {
      pool.shutdownNow();
      one.scheduler().shutdown();
      two.scheduler().shutdown();
    }
  }

  private QuartzHandle client(String id) throws Exception {
    return QuartzSchedulers.client(id, db.dataSource(), Clock.systemUTC());
  }

  private List<DeclaredJob> declared(String yaml) {
    Path file = ClusterTestSupport.config(directory, db, yaml);
    SchedulerConfig config =
        new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(file);
    return config.jobs().values().stream().map(DeclaredJob::from).toList();
  }

  private static long nextFire(String trigger) {
    return queryLong(
        db, "select next_fire_time from qrtz_triggers where trigger_name = '" + trigger + "'");
  }

  private static String triggerState(String trigger) throws Exception {
    try (var connection = db.connect();
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "select trigger_state from qrtz_triggers where trigger_name = '"
                        + trigger
                        + "'")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
