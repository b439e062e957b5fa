package dev.scheduler.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.db.DatabaseMigrations.MigrationOutcome;
import dev.scheduler.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseMigrationsIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();

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
