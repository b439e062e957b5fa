package dev.scheduler.daemon.cluster;

import dev.scheduler.daemon.config.DatabaseConfig;
import dev.scheduler.daemon.store.DedicatedConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the nodes' scheduler threads when an operator changes what is due, through PostgreSQL's
 * LISTEN/NOTIFY.
 *
 * <p>Without it a node learns of a trigger another process stored only at its next acquisition,
 * which Quartz makes up to its idle wait (30 s) away. NOTIFY is transactional and cheap; the
 * payload is the earliest new fire time (epoch millis), so a node that already holds earlier fires
 * keeps them. Polling stays the fallback: a node whose LISTEN session broke reconnects in the
 * background and meanwhile finds new work as before, only later.
 */
public final class Wakeups implements AutoCloseable {

  /** The notification channel. */
  public static final String CHANNEL = "scheduler_wakeup";

  static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);
  static final int POLL_MILLIS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(Wakeups.class);

  private final DatabaseConfig database;
  private final String nodeId;
  private final LongConsumer wake;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Connection connection;

  private Wakeups(DatabaseConfig database, String nodeId, LongConsumer wake) {
    this.database = database;
    this.nodeId = nodeId;
    this.wake = wake;
    this.thread = new Thread(this::listen, "wakeups-" + nodeId);
    this.thread.setDaemon(true);
  }

  /**
   * Wakes every listening node once the caller's transaction commits (at once in auto-commit).
   *
   * @param dueAt the earliest fire time the change brings, epoch millis; 0 when unknown
   */
  public static void send(Connection conn, long dueAt) throws SQLException {
    try (PreparedStatement notify = conn.prepareStatement("select pg_notify(?, ?)")) {
      notify.setString(1, CHANNEL);
      notify.setString(2, Long.toString(dueAt));
      notify.execute();
    }
  }

  /**
   * Listens in the background and calls {@code wake} with each notification's fire time.
   *
   * @param wake signals the scheduler thread; must not block
   */
  public static Wakeups listen(DatabaseConfig database, String nodeId, LongConsumer wake) {
    Wakeups wakeups = new Wakeups(database, nodeId, wake);
    wakeups.thread.start();
    return wakeups;
  }

  private void listen() {
    boolean warned = false;
    while (!closed) {
      try {
        if (connection == null) {
          connection = DedicatedConnection.open(database, "scheduler-wakeups-" + nodeId);
          try (Statement statement = connection.createStatement()) {
            statement.execute("listen " + CHANNEL);
          }
          if (warned) {
            log.info("listening for operator wake-ups again");
            warned = false;
          }
        }
        PGNotification[] notifications =
            connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notifications != null && notifications.length > 0) {
          wake.accept(earliest(notifications));
        }
      } catch (SQLException e) {
        if (closed) {
          break;
        }
        if (!warned) {
          log.warn(
              "not listening for operator wake-ups ({}); new work is found by polling until the"
                  + " database answers again",
              e.getMessage());
          warned = true;
        }
        closeConnection();
        try {
          Thread.sleep(RECONNECT_DELAY.toMillis());
        } catch (InterruptedException interrupted) {
          break;
        }
      }
    }
    // close() may have run while a session was being opened.
    closeConnection();
  }

  static long earliest(PGNotification[] notifications) {
    long earliest = Long.MAX_VALUE;
    for (PGNotification notification : notifications) {
      long at;
      try {
        at = Long.parseLong(notification.getParameter());
      } catch (NumberFormatException e) {
        at = 0;
      }
      earliest = Math.min(earliest, at);
    }
    return earliest;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    closeConnection();
  }

  private void closeConnection() {
    Connection current = connection;
    connection = null;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException e) {
        log.debug("closing the wake-up session failed", e);
      }
    }
  }
}
