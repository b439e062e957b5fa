package dev.scheduler.daemon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobRun;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.store.NamedDataSources;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history-retention job type on the scheduler's migrated database, either kind. */
class HistoryRetentionIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final Instant NOW = Instant.parse("2026-06-01T03:17:00Z");

  @Test
  void purgesOldFinishedRowsInBatchesAndKeepsRecentAndRunningOnes() throws Exception {
    purgesOldRows(db.dataSource());
  }

  @Test
  void worksOnTheEmbeddedStoreToo() throws Exception {
    JdbcDataSource embedded = new JdbcDataSource();
    // The embedded store's settings (SchedulerDatabase.embedded), in memory.
    embedded.setURL(
        "jdbc:h2:mem:history-retention;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    purgesOldRows(embedded);
  }

  private static void purgesOldRows(DataSource database) throws Exception {
    DatabaseMigrations.migrate(database);
    for (int i = 0; i < 25; i++) {
      insert(
          database,
          "old-" + i,
          NOW.minus(Duration.ofDays(91)),
          i % 2 == 0 ? "SUCCEEDED" : "FAILED");
    }
    insert(database, "old-running", NOW.minus(Duration.ofDays(200)), "RUNNING");
    insert(database, "recent", NOW.minus(Duration.ofDays(89)), "SUCCEEDED");

    JobType retention =
        JobTypes.builtIn(new NamedDataSources(Map.of(), database, Optional.empty(), "test"))
            .require("history-retention");
    var result =
        retention
            .create(retention.params().bind(Map.of("batchSize", 10)))
            .run(
                new JobRun(
                    "history-retention",
                    "history-retention@" + NOW,
                    NOW,
                    1,
                    false,
                    Map.of(),
                    Clock.fixed(NOW, ZoneOffset.UTC)));

    assertThat(result.summary())
        .isEqualTo("deleted 25 rows of execution history older than 90d in 3 batches");
    assertThat(remaining(database)).containsExactlyInAnyOrder("old-running", "recent");
  }

  private static void insert(DataSource database, String job, Instant scheduledAt, String status)
      throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into job_execution (job_name, job_group, run_key, scheduled_at, status,"
                    + " attempt, manual) values (?, 'default', ?, ?, ?, 1, false)")) {
      insert.setString(1, job);
      insert.setString(2, job + "@" + scheduledAt);
      insert.setTimestamp(3, Timestamp.from(scheduledAt));
      insert.setString(4, status);
      insert.executeUpdate();
    }
  }

  private static List<String> remaining(DataSource database) throws SQLException {
    List<String> jobs = new ArrayList<>();
    try (Connection connection = database.getConnection();
        ResultSet rows =
            connection.createStatement().executeQuery("select job_name from job_execution")) {
      while (rows.next()) {
        jobs.add(rows.getString(1));
      }
    }
    return jobs;
  }
}
