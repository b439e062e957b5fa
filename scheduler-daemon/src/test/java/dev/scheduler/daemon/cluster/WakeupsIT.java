package dev.scheduler.daemon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.daemon.config.DatabaseConfig;
import dev.scheduler.daemon.config.Secret;
import dev.scheduler.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node's wake-up session on a real PostgreSQL: a notification committed by another session
 * reaches it with its fire time, one rolled back never does, and a session the server killed is
 * replaced without losing later notifications.
 */
class WakeupsIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final List<Long> woken = new CopyOnWriteArrayList<>();

  @Test
  void committedNotificationsWakeTheNodeWithTheirFireTime() throws Exception {
    try (Wakeups wakeups = Wakeups.listen(config(), "node-w", woken::add)) {
      awaitListening();
      try (Connection conn = db.connect()) {
        conn.setAutoCommit(false);
        Wakeups.send(conn, 111);
        conn.rollback();
        Wakeups.send(conn, 222);
        conn.commit();
      }
      await("the committed notification")
          .atMost(Duration.ofSeconds(10))
          .until(() -> !woken.isEmpty());
      assertThat(woken).containsExactly(222L);
    }
  }

  @Test
  void aKilledSessionIsReplaced() throws Exception {
    try (Wakeups wakeups = Wakeups.listen(config(), "node-k", woken::add)) {
      awaitListening();
      try (Connection conn = db.connect();
          Statement statement = conn.createStatement()) {
        statement.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where application_name ="
                + " 'scheduler-wakeups-node-k'");
      }
      await("a new listening session")
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                try (Connection conn = db.connect()) {
                  Wakeups.send(conn, 333);
                }
                return woken.contains(333L);
              });
    }
  }

  private static DatabaseConfig config() {
    return new DatabaseConfig(
        db.jdbcUrl(),
        db.user(),
        Optional.ofNullable(db.password()).map(Secret::new),
        Optional.empty());
  }

  private static void awaitListening() {
    await("the wake-up session to listen")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              try (Connection conn = db.connect();
                  Statement statement = conn.createStatement();
                  var rows =
                      statement.executeQuery(
                          "select count(*) from pg_stat_activity where query ilike 'listen%'"
                              + " and application_name like 'scheduler-wakeups-%'")) {
                rows.next();
                return rows.getLong(1) > 0;
              }
            });
  }
}
