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
