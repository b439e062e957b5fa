package dev.scheduler.daemon.cli;

import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.node.SchedulerNode;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.testing.TestDatabase;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node runs a declared sql job on its named datasource (here the test database itself), and the
 * run's summary lands in the history; {@code --data} does not reach the statement.
 */
class SqlJobTriggerIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  @Test
  void aTriggeredSqlJobPurgesInBatchesOnItsDatasource() throws Exception {
    // A schema of its own stands in for the application's database: the scheduler's schema must
    // be empty for its migrations.
    try (Connection connection = db.connect()) {
      connection.createStatement().execute("create schema app");
      connection
          .createStatement()
          .execute(
              "create table app.tokens as select i as id, now() - interval '1 day' as expires_at"
                  + " from generate_series(1, 2500) i");
    }
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            node: { id: sql-node }
            datasources:
              app: { url: "%s", user: %s }
            jobs:
              purge-tokens:
                type: sql
                params:
                  datasource: app
                  statement: >-
                    delete from app.tokens where ctid in
                    (select ctid from app.tokens where expires_at < now() limit :batchSize)
                  batchSize: 1000
            """
                .formatted(db.jdbcUrl(), db.user()));
    SchedulerNode node =
        SchedulerNode.start(
            new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(config),
            JobTypes.builtIn(),
            Clock.systemUTC());
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          InProcessCli.run(
              config,
              out,
              err,
              "jobs",
              "trigger",
              "purge-tokens",
              "--data",
              "batchSize=1",
              "--wait",
              "--timeout",
              "60s");

      assertThat(code).as(out + "\n" + err).isZero();
      assertThat(queryLong(db, "select count(*) from app.tokens")).isZero();
      assertThat(queryText(db, "select note from job_execution where job_name = 'purge-tokens'"))
          .isEqualTo("deleted 2,500 rows in 3 batches");
    } finally {
      node.stop();
    }
  }
}
