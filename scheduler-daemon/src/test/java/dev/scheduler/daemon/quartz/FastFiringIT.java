package dev.scheduler.daemon.quartz;

import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.daemon.quartz.QuartzSchedulers.QuartzHandle;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobPersistenceException;
import org.quartz.TriggerBuilder;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredResult;

/**
 * The fast path's firing of one batch, against a real job store: a batch fires whole, with its
 * history rows and EXECUTING records, or not at all.
 */
class FastFiringIT {

  @RegisterExtension static final TestDatabase db = TestDatabase.perTest();

  /** Stored as the jobs' class; nothing here runs it. */
  public static final class Noop implements Job {
    @Override
    public void execute(JobExecutionContext context) {}
  }

  /** As {@link Noop}, for a {@code forbid} job. */
  @DisallowConcurrentExecution
  public static final class ExclusiveNoop implements Job {
    @Override
    public void execute(JobExecutionContext context) {}
  }

  private QuartzHandle quartz;
  private FastFiring firing;

  @BeforeEach
  void twoDueDigests() throws Exception {
    DatabaseMigrations.migrate(db.dataSource());
    quartz = QuartzSchedulers.client("node-a", db.dataSource(), Clock.systemUTC());
    SchedulerJobStore store = quartz.store();
    firing = new FastFiring(store, new JobLocks(store.getTablePrefix(), store.getInstanceName()));
    JobDetail job = JobBuilder.newJob(Noop.class).withIdentity("digest").storeDurably().build();
    quartz.scheduler().addJob(job, false);
    for (String user : List.of("user-1", "user-2")) {
      quartz
          .scheduler()
          .scheduleJob(
              TriggerBuilder.newTrigger()
                  .withIdentity(user, "users")
                  .forJob(job)
                  .startAt(new Date(System.currentTimeMillis() - 100))
                  .build());
    }
  }

  @AfterEach
  void shutDown() throws Exception {
    quartz.scheduler().shutdown();
  }

  @Test
  void aBatchFiresWithItsHistoryRowsAndItsRecordsExecuting() throws Exception {
    try (Connection conn = db.connect()) {
      conn.setAutoCommit(false);
      List<OperableTrigger> acquired = acquire(conn);

      List<TriggerFiredResult> results = firing.fire(conn, acquired, Instant.now());
      conn.commit();

      assertThat(results)
          .allSatisfy(result -> assertThat(result.getTriggerFiredBundle()).isNotNull());
    }
    assertThat(records())
        .isEqualTo(Map.of("user-1", "node-a EXECUTING", "user-2", "node-a EXECUTING"));
    assertThat(queryLong(db, "select count(*) from job_execution where status = 'RUNNING'"))
        .isEqualTo(2);
    assertThat(states()).isEqualTo(Map.of("user-1", "COMPLETE", "user-2", "COMPLETE"));
  }

  @Test
  void aBatchWithAnAcquisitionRecoveredByAPeerDoesNotFireAtAll() throws Exception {
    try (Connection conn = db.connect()) {
      conn.setAutoCommit(false);
      List<OperableTrigger> acquired = acquire(conn);
      // A peer counted this node dead, recovered its acquisitions and claimed user-2 again.
      execute(
          "update qrtz_fired_triggers set instance_name = 'node-b', entry_id = 'node-b-1'"
              + " where trigger_name = 'user-2'");

      assertThatThrownBy(() -> firing.fire(conn, acquired, Instant.now()))
          .isInstanceOf(JobPersistenceException.class)
          .hasMessageContaining("1 of this node's acquisitions were recovered by peers");
      conn.rollback();
    }
    assertThat(records())
        .isEqualTo(Map.of("user-1", "node-a ACQUIRED", "user-2", "node-b ACQUIRED"));
    assertThat(queryLong(db, "select count(*) from job_execution")).isZero();
    assertThat(states()).isEqualTo(Map.of("user-1", "ACQUIRED", "user-2", "ACQUIRED"));
  }

  @Test
  void eachBatchFiresTheJobAsStoredWhenItFires() throws Exception {
    assertThat(fireDue(2)).allSatisfy(job -> assertThat(job.getJobDataMap()).isEmpty());

    quartz
        .scheduler()
        .addJob(
            JobBuilder.newJob(Noop.class)
                .withIdentity("digest")
                .usingJobData("subject", "weekly")
                .storeDurably()
                .build(),
            true);
    scheduleDue("user-3");

    assertThat(fireDue(1))
        .singleElement()
        .satisfies(job -> assertThat(job.getJobDataMap()).containsEntry("subject", "weekly"));
  }

  @Test
  void aBatchOfAJobThatBecameForbidSinceItsLastFireIsReleasedAndFiresNextTime() throws Exception {
    assertThat(fireDue(2))
        .allSatisfy(job -> assertThat(job.isConcurrentExecutionDisallowed()).isFalse());
    // The first runs are over.
    execute("delete from qrtz_fired_triggers");
    quartz
        .scheduler()
        .addJob(
            JobBuilder.newJob(ExclusiveNoop.class).withIdentity("digest").storeDurably().build(),
            true);
    scheduleDue("user-3");

    try (Connection conn = db.connect()) {
      conn.setAutoCommit(false);
      List<OperableTrigger> acquired = acquire(conn, 1);
      // Read with the shared lock it had: too weak for a forbid job.
      assertThatThrownBy(() -> firing.fire(conn, acquired, Instant.now()))
          .isInstanceOf(JobPersistenceException.class)
          .hasMessageContaining("became forbid-concurrency");
      conn.rollback();
      for (OperableTrigger trigger : acquired) {
        firing.release(conn, trigger);
      }
      conn.commit();
    }
    assertThat(queryLong(db, "select count(*) from job_execution where status = 'RUNNING'"))
        .isEqualTo(2);

    assertThat(fireDue(1))
        .singleElement()
        .satisfies(job -> assertThat(job.isConcurrentExecutionDisallowed()).isTrue());
  }

  /** Acquires and fires what is due, committed; the fired runs' jobs. */
  private List<JobDetail> fireDue(int expected) throws Exception {
    try (Connection conn = db.connect()) {
      conn.setAutoCommit(false);
      List<TriggerFiredResult> results = firing.fire(conn, acquire(conn, expected), Instant.now());
      conn.commit();
      return results.stream().map(result -> result.getTriggerFiredBundle().getJobDetail()).toList();
    }
  }

  private void scheduleDue(String user) throws Exception {
    quartz
        .scheduler()
        .scheduleJob(
            TriggerBuilder.newTrigger()
                .withIdentity(user, "users")
                .forJob("digest")
                .startAt(new Date(System.currentTimeMillis() - 100))
                .build());
  }

  private List<OperableTrigger> acquire(Connection conn) throws Exception {
    return acquire(conn, 2);
  }

  private List<OperableTrigger> acquire(Connection conn, int expected) throws Exception {
    long now = System.currentTimeMillis();
    List<OperableTrigger> acquired = firing.acquire(conn, now + 1_000, 10, 0, now - 60_000, now);
    conn.commit();
    assertThat(acquired).hasSize(expected);
    return acquired;
  }

  /** Each trigger's firing record: node and state. */
  private static Map<String, String> records() throws SQLException {
    return rows("select trigger_name, instance_name || ' ' || state from qrtz_fired_triggers");
  }

  private static Map<String, String> states() throws SQLException {
    return rows("select trigger_name, trigger_state from qrtz_triggers");
  }

  private static Map<String, String> rows(String query) throws SQLException {
    Map<String, String> found = new TreeMap<>();
    try (Connection conn = db.connect();
        ResultSet rows = conn.createStatement().executeQuery(query)) {
      while (rows.next()) {
        found.put(rows.getString(1), rows.getString(2));
      }
    }
    return found;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection conn = db.connect();
        Statement statement = conn.createStatement()) {
      statement.execute(sql);
    }
  }
}
