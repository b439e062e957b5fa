package dev.scheduler.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.db.DatabaseMigrations.MigrationOutcome;
import dev.scheduler.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseMigrationsIT {

  @RegisterExtension static final TestDatabase db = TestDatabase.perTest();

  @Test
  void twoNodesMigratingAnEmptyDatabaseAtOnceBothSucceedAndApplyEachMigrationOnce()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<MigrationOutcome> migrate = () -> DatabaseMigrations.migrate(db.dataSource());
      Future<MigrationOutcome> first = pool.submit(migrate);
      Future<MigrationOutcome> second = pool.submit(migrate);
      int applied = first.get().applied() + second.get().applied();

      assertThat(applied).isEqualTo(migrationCount());
      assertThat(tables())
          .contains(
              "qrtz_job_details",
              "qrtz_triggers",
              "qrtz_fired_triggers",
              "qrtz_scheduler_state",
              "qrtz_locks",
              "job_execution");
    } finally {
      pool.shutdownNow();
    }

    MigrationOutcome again = DatabaseMigrations.migrate(db.dataSource());
    assertThat(again.applied()).isZero();
    DatabaseMigrations.validate(db.dataSource());
  }

  @Test
  void quartzForeignKeysStillRefuseToOrphanDetailRows() throws SQLException {
    DatabaseMigrations.migrate(db.dataSource());
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      assertThat(QuartzForeignKeys.deleteRules(connection))
          .isEqualTo(QuartzForeignKeys.restricted());
      statement.execute(
          "insert into qrtz_job_details (sched_name, job_name, job_group, job_class_name,"
              + " is_durable, is_nonconcurrent, is_update_data, requests_recovery)"
              + " values ('s', 'j', 'g', 'x', true, false, false, false)");
      statement.execute(
          "insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name,"
              + " job_group, trigger_state, trigger_type, start_time)"
              + " values ('s', 't', 'g', 'j', 'g', 'WAITING', 'SIMPLE', 0)");
      statement.execute(
          "insert into qrtz_simple_triggers (sched_name, trigger_name, trigger_group,"
              + " repeat_count, repeat_interval, times_triggered) values ('s', 't', 'g', 0, 0, 0)");

      assertThatThrownBy(() -> statement.execute("delete from qrtz_triggers"))
          .hasMessageContaining("qrtz_simple_triggers_fk");
      assertThatThrownBy(() -> statement.execute("delete from qrtz_job_details"))
          .hasMessageContaining("qrtz_triggers_fk");
      // Quartz's order: the detail row, then the trigger, then the job.
      statement.execute("delete from qrtz_simple_triggers");
      assertThat(statement.executeUpdate("delete from qrtz_triggers")).isEqualTo(1);
      assertThat(statement.executeUpdate("delete from qrtz_job_details")).isEqualTo(1);
    }
  }

  @Test
  void aBurstOfFiringRecordsTurnsExecutingWithoutWritingAnIndexEntry() throws SQLException {
    DatabaseMigrations.migrate(db.dataSource());
    int burst = 2_000;
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      assertThat(indexes(statement, "qrtz_fired_triggers"))
          .containsExactlyInAnyOrder(
              "qrtz_fired_triggers_pkey",
              "qrtz_fired_triggers_instance",
              "qrtz_fired_triggers_job");
      // As the claim writes them: a page's worth of records after another.
      statement.execute(
          "insert into qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group,"
              + " instance_name, fired_time, sched_time, priority, state, job_name, job_group,"
              + " is_nonconcurrent, requests_recovery) select 's', 'node-a' || n, 'user-' || n,"
              + " 'digests', 'node-a', 0, 0, 5, 'ACQUIRED', 'digest', 'jobs', false, true"
              + " from generate_series(1, "
              + burst
              + ") n");

      int executing =
          statement.executeUpdate(
              "update qrtz_fired_triggers set state = 'EXECUTING', fired_time = 1"
                  + " where sched_name = 's'");

      assertThat(executing).isEqualTo(burst);
      // Heap-only updates write no index entry; the counts include this transaction's own.
      try (ResultSet counts =
          statement.executeQuery(
              "select n_tup_upd, n_tup_hot_upd from pg_stat_xact_user_tables"
                  + " where relname = 'qrtz_fired_triggers'")) {
        counts.next();
        assertThat(counts.getLong("n_tup_upd")).isEqualTo(burst);
        assertThat(counts.getLong("n_tup_hot_upd")).isEqualTo(burst);
      }
      connection.rollback();
    }
  }

  private static List<String> indexes(Statement statement, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rows =
        statement.executeQuery(
            "select indexname from pg_indexes where tablename = '" + table + "'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  private int migrationCount() throws SQLException {
    try (Connection connection = db.connect();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*) from flyway_schema_history where success and version is not"
                        + " null")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private List<String> tables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = db.connect();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "select table_name from information_schema.tables where table_schema ="
                        + " 'public'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
