package dev.scheduler.daemon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobRun;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.DatasourceConfig;
import dev.scheduler.daemon.config.Secret;
import dev.scheduler.daemon.store.NamedDataSources;
import dev.scheduler.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sql job type on a real PostgreSQL, through the node's own named-datasource pools. */
class SqlJobTypeIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private NamedDataSources resources;
  private JobType sql;

  @BeforeEach
  void openDatasource() throws SQLException {
    DatasourceConfig app =
        new DatasourceConfig(
            "app", db.jdbcUrl(), db.user(), Optional.ofNullable(db.password()).map(Secret::new), 2);
    resources = new NamedDataSources(Map.of("app", app), db.dataSource(), Optional.empty(), "test");
    sql = JobTypes.builtIn(resources).require("sql");
    try (Connection connection = db.connect()) {
      connection.createStatement().execute("drop table if exists sessions");
      connection
          .createStatement()
          .execute("create table sessions (id bigint primary key, expires_at timestamptz)");
      // 25,000 expired sessions and 10 live ones.
      connection
          .createStatement()
          .execute(
              "insert into sessions select i, now() - interval '1 day' from"
                  + " generate_series(1, 25000) i");
      connection
          .createStatement()
          .execute(
              "insert into sessions select i, now() + interval '1 day' from"
                  + " generate_series(25001, 25010) i");
    }
  }

  @AfterEach
  void close() {
    resources.close();
  }

  @Test
  void purgesInBatchesOfOneTransactionEach() throws Exception {
    JobResult result =
        run(
            Map.of(
                "datasource",
                "app",
                "statement",
                "DELETE FROM sessions WHERE ctid IN (SELECT ctid FROM sessions"
                    + " WHERE expires_at < now() LIMIT :batchSize)",
                "batchSize",
                10_000));

    assertThat(result.summary()).isEqualTo("deleted 25,000 rows in 3 batches");
    assertThat(count("select count(*) from sessions")).isEqualTo(10);
  }

  @Test
  void runsOneStatementOnceWithoutABatchSize() throws Exception {
    JobResult result =
        run(
            Map.of(
                "datasource",
                "app",
                "statement",
                "update sessions set expires_at = now() where id <= 3;"));

    assertThat(result.summary()).isEqualTo("updated 3 rows");
  }

  @Test
  void cancelsAStatementThatOutlivesItsTimeout() {
    assertThatThrownBy(
            () ->
                run(
                    Map.of(
                        "datasource", "app",
                        "statement", "select pg_sleep(5)",
                        "statementTimeout", "1s")))
        .isInstanceOf(SQLException.class)
        .hasMessage(
            "the statement ran longer than statementTimeout 1s and was cancelled; raise"
                + " statementTimeout or use a smaller batchSize");
  }

  @Test
  void stopsBeforeTheNextBatchWhenInterrupted() throws SQLException {
    Thread.currentThread().interrupt();
    assertThatThrownBy(
            () ->
                run(
                    Map.of(
                        "datasource",
                        "app",
                        "statement",
                        "delete from sessions where id in (select id from sessions"
                            + " limit :batchSize)",
                        "batchSize",
                        100)))
        .isInstanceOf(InterruptedException.class)
        .hasMessage("interrupted after 0 batches and 0 rows");
    assertThat(Thread.interrupted()).isFalse();
    assertThat(count("select count(*) from sessions")).isEqualTo(25_010);
  }

  @Test
  void anInterruptCancelsTheRunningStatementOnTheServer() throws Exception {
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    Thread job =
        new Thread(
            () -> {
              try {
                run(Map.of("datasource", "app", "statement", "select pg_sleep(60)"));
                ended.complete(null);
              } catch (Throwable e) {
                ended.complete(e);
              }
            });
    job.start();
    await("the statement running on the server")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sleepingStatements() == 1);

    job.interrupt();

    assertThat(ended.get(30, TimeUnit.SECONDS))
        .isInstanceOf(InterruptedException.class)
        .hasMessage("interrupted after 0 batches and 0 rows; the running statement was cancelled");
    assertThat(sleepingStatements()).isZero();
  }

  private long sleepingStatements() throws SQLException {
    return count(
        "select count(*) from pg_stat_activity where state = 'active'"
            + " and query = 'select pg_sleep(60)'");
  }

  private JobResult run(Map<String, Object> params) throws Exception {
    JobAction action = sql.create(sql.params().bind(params));
    return action.run(
        new JobRun("purge", "purge@now", Instant.now(), 1, false, Map.of(), Clock.systemUTC()));
  }

  private long count(String query) throws SQLException {
    try (Connection connection = db.connect();
        ResultSet rows = connection.createStatement().executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
