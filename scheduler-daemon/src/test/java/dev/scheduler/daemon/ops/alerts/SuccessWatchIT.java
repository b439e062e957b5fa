package dev.scheduler.daemon.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.daemon.config.JobAlerts;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The leader's look for jobs without a recent success, on the scheduler's real history table. */
class SuccessWatchIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  /** When the cluster came up. */
  private static final Instant UP = Instant.parse("2026-11-25T09:00:00Z");

  private final SteppedClock clock = new SteppedClock(UP);
  private final RecordingSink log = new RecordingSink();
  private final AtomicBoolean leads = new AtomicBoolean(true);
  private SuccessWatch watch;

  @BeforeEach
  void setUp() {
    DatabaseMigrations.migrate(db.dataSource());
    Alerts alerts =
        new Alerts(
            "node-a",
            clock,
            new AlertGate(clock, Duration.ofHours(1)),
            job -> JobAlerts.DEFAULT,
            log,
            List.of());
    watch =
        new SuccessWatch(
            db.dataSource(),
            Map.of(
                "nightly", Duration.ofHours(26),
                "fresh", Duration.ofHours(1),
                "paused", Duration.ofHours(1)),
            alerts,
            leads::get,
            () -> UP,
            Duration.ofHours(1),
            clock);
  }

  @Test
  void alertsOnSilenceCountedFromTheLaterOfLastSuccessAndClusterStartOnceAnHourThenRecovers()
      throws Exception {
    succeeded("nightly", UP.minus(Duration.ofHours(30)));
    succeeded("paused", UP.minus(Duration.ofHours(30)));
    failed("nightly", UP.plus(Duration.ofHours(2)));
    pause("paused");

    at(UP.plus(Duration.ofMinutes(30)));
    assertThat(log.sent).as("nothing is silent for longer than expected yet").isEmpty();

    at(UP.plus(Duration.ofHours(1).plusMinutes(1)));
    assertThat(log.summaries())
        .containsExactly("job fresh has not succeeded for 1h1m (expected at least every 1h)");

    at(UP.plus(Duration.ofHours(26).plusMinutes(1)));
    assertThat(log.summaries())
        .as("nightly counts from the cluster's start, not from its success before the downtime")
        .hasSize(3)
        .contains("job nightly has not succeeded for 1d2h1m (expected at least every 1d2h)")
        .doesNotContain("paused");

    at(UP.plus(Duration.ofHours(26).plusMinutes(30)));
    assertThat(log.sent).as("repeats wait for repeatAfter").hasSize(3);

    succeeded("nightly", UP.plus(Duration.ofHours(26).plusMinutes(40)));
    at(UP.plus(Duration.ofHours(26).plusMinutes(41)));
    assertThat(log.summaries().get(3))
        .isEqualTo("job nightly recovered: it succeeded at 2026-11-26T11:40:00Z");
    assertThat(log.sent.get(3).kind()).isEqualTo(AlertKind.RECOVERED);
    assertThat(log.sent).hasSize(4);
  }

  @Test
  void aNodeThatDoesNotLeadDoesNotLook() {
    leads.set(false);

    at(UP.plus(Duration.ofDays(3)));

    assertThat(log.sent).isEmpty();
  }

  private void at(Instant now) {
    clock.set(now);
    watch.check();
  }

  private static void succeeded(String job, Instant at) throws SQLException {
    record(job, at, "SUCCEEDED");
  }

  private static void failed(String job, Instant at) throws SQLException {
    record(job, at, "FAILED");
  }

  private static void record(String job, Instant at, String status) throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into job_execution (job_name, job_group, run_key, scheduled_at,"
                    + " started_at, finished_at, status, attempt, manual) values (?, 'default', ?,"
                    + " ?, ?, ?, ?, 1, false)")) {
      Timestamp time = Timestamp.from(at);
      insert.setString(1, job);
      insert.setString(2, job + "@" + at);
      insert.setTimestamp(3, time);
      insert.setTimestamp(4, time);
      insert.setTimestamp(5, time);
      insert.setString(6, status);
      insert.executeUpdate();
    }
  }

  private static void pause(String job) throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into job_pause (job_name, job_group, paused_at, paused_by) values (?,"
                    + " 'default', now(), 'ops@host')")) {
      insert.setString(1, job);
      insert.executeUpdate();
    }
  }
}
