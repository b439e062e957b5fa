package dev.scheduler.daemon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobRun;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.daemon.store.NamedDataSources;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The report job type on the scheduler's migrated database, either kind. */
class ReportIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @RegisterExtension
  static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  // Scheduled just after midnight: the daily report covers 2026-11-24 (UTC).
  private static final Instant SCHEDULED = Instant.parse("2026-11-25T00:05:00Z");
  private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
  private static final String ODD_NAME = "nightly <export>, \"eu\"";

  @TempDir Path temp;

  @Test
  void reportsThePreviousDayPerJobOnPostgres() throws Exception {
    reportsPerJob(db.dataSource());
  }

  @Test
  void worksOnTheEmbeddedStoreToo() throws Exception {
    JdbcDataSource embedded = new JdbcDataSource();
    // The embedded store's settings (SchedulerDatabase.embedded), in memory.
    embedded.setURL(
        "jdbc:h2:mem:report;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    reportsPerJob(embedded);
  }

  private void reportsPerJob(DataSource database) throws Exception {
    DatabaseMigrations.migrate(database);
    // Before the period: counts only as last success.
    insert(database, ODD_NAME, DAY.minus(Duration.ofHours(1)), "SUCCEEDED", 999L);
    insert(database, ODD_NAME, DAY.plus(Duration.ofHours(1)), "SUCCEEDED", 100L);
    insert(database, ODD_NAME, DAY.plus(Duration.ofHours(2)), "FAILED", 200L);
    insert(database, ODD_NAME, DAY.plus(Duration.ofHours(3)), "TIMED_OUT", 300L);
    insert(database, ODD_NAME, DAY.plus(Duration.ofHours(4)), "MISSED", null);
    insert(database, "cleanup", DAY.plus(Duration.ofHours(5)), "SKIPPED", null);
    insert(database, "cleanup", DAY.plus(Duration.ofHours(6)), "SUCCEEDED", 40L);
    // After the period (the run's own day): not counted.
    insert(database, "cleanup", DAY.plus(Duration.ofHours(24)), "FAILED", 10L);
    insert(database, "cleanup", DAY.plus(Duration.ofHours(23)), "RUNNING", null);

    Path directory = temp.resolve("reports");
    JobType report =
        JobTypes.builtIn(new NamedDataSources(Map.of(), database, Optional.empty(), "test"))
            .require("report");
    var action = report.create(report.params().bind(Map.of("directory", directory.toString())));
    JobRun run =
        new JobRun(
            "report",
            "report@" + SCHEDULED,
            SCHEDULED,
            1,
            false,
            Map.of(),
            Clock.fixed(SCHEDULED.plus(Duration.ofHours(2)), ZoneOffset.UTC));

    JobResult first = action.run(run);

    Path csv = directory.resolve("scheduler-report-daily-2026-11-24.csv");
    Path html = directory.resolve("scheduler-report-daily-2026-11-24.html");
    assertThat(first.summary())
        .isEqualTo(
            "daily report for 2026-11-24: 2 jobs, 6 runs, 2 failed; wrote "
                + html
                + ", scheduler-report-daily-2026-11-24.csv");
    assertThat(Files.readString(csv))
        .isEqualTo(
            "job,runs,succeeded,failed,missed,skipped,p50_ms,p95_ms,last_success\r\n"
                + "cleanup,2,1,0,0,1,40,40,2026-11-24T06:00:00Z\r\n"
                + "\"nightly <export>, \"\"eu\"\"\",4,1,2,1,0,200,290,2026-11-24T01:00:00Z\r\n");
    assertThat(Files.readString(html))
        .contains("<td>nightly &lt;export&gt;, &quot;eu&quot;</td>")
        .doesNotContain("<export>");

    action.run(run);
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "scheduler-report-daily-2026-11-24.csv", "scheduler-report-daily-2026-11-24.html");
    }
    assertThat(Files.readString(csv)).contains("cleanup,2,1,0,0,1,40,40,");
  }

  @Test
  void sendsTheReportByEmailAndToAWebhookWithoutWritingFiles() throws Exception {
    DataSource database = db.dataSource();
    DatabaseMigrations.migrate(database);
    // A day of its own, apart from the other tests' rows in this class's database.
    Instant scheduled = Instant.parse("2026-06-02T00:05:00Z");
    insert(database, "cleanup", Instant.parse("2026-06-01T06:00:00Z"), "SUCCEEDED", 40L);
    List<String> posted = new CopyOnWriteArrayList<>();
    HttpServer webhook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext(
        "/services/",
        exchange -> {
          posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    webhook.start();
    try {
      SmtpSettings smtp =
          new SmtpSettings(
              "127.0.0.1",
              mail.getSmtp().getPort(),
              SmtpSettings.Security.NONE,
              Optional.empty(),
              Optional.empty(),
              "scheduler@example.com",
              Duration.ofSeconds(5));
      JobType report =
          JobTypes.builtIn(new NamedDataSources(Map.of(), database, Optional.of(smtp), "test"))
              .require("report");
      String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/services/T/B/token";
      var action =
          report.create(
              report
                  .params()
                  .bind(Map.of("emailTo", List.of("ops@example.com"), "webhookUrl", url)));

      JobResult result =
          action.run(
              new JobRun(
                  "report",
                  "report@" + scheduled,
                  scheduled,
                  1,
                  false,
                  Map.of(),
                  Clock.fixed(scheduled, ZoneOffset.UTC)));

      assertThat(result.summary())
          .isEqualTo(
              "daily report for 2026-06-01: 1 job, 1 run, 0 failed; emailed ops@example.com;"
                  + " posted to webhook http://127.0.0.1:"
                  + webhook.getAddress().getPort());
      MimeMessage email = mail.getReceivedMessages()[0];
      assertThat(email.getSubject()).isEqualTo("Scheduler daily report for 2026-06-01 (UTC)");
      assertThat(GreenMailUtil.getBody(email))
          .contains("scheduler-report-daily-2026-06-01.csv")
          .contains("cleanup,1,1,0,0,0,40,40,2026-06-01T06:00:00Z");
      JsonNode document = new ObjectMapper().readTree(posted.get(0));
      assertThat(document.get("text").asText())
          .startsWith("Scheduler daily report for 2026-06-01 (UTC)\n1 job, 1 run, 0 failed")
          .contains("• cleanup: 1 runs, 0 failed, 0 missed, p95 40 ms");
      assertThat(document.get("jobs").get(0).get("job").asText()).isEqualTo("cleanup");
      assertThat(document.get("jobs").get(0).get("p95_ms").asText()).isEqualTo("40");
    } finally {
      webhook.stop(0);
    }
  }

  /** A finished row's finished_at is its scheduled instant: enough for last success. */
  private static void insert(
      DataSource database, String job, Instant scheduledAt, String status, Long durationMs)
      throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into job_execution (job_name, job_group, run_key, scheduled_at,"
                    + " finished_at, duration_ms, status, attempt, manual)"
                    + " values (?, 'default', ?, ?, ?, ?, ?, 1, false)")) {
      insert.setString(1, job);
      insert.setString(2, job + "@" + scheduledAt);
      insert.setTimestamp(3, Timestamp.from(scheduledAt));
      insert.setTimestamp(4, status.equals("RUNNING") ? null : Timestamp.from(scheduledAt));
      insert.setObject(5, durationMs);
      insert.setString(6, status);
      insert.executeUpdate();
    }
  }
}
