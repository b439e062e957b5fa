package dev.scheduler.daemon.ops;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.cluster.Wakeups;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.history.HistoryRepository;
import dev.scheduler.daemon.node.NodeIdentity;
import dev.scheduler.daemon.node.NodeRegistry;
import dev.scheduler.daemon.quartz.QuartzSchedulers;
import dev.scheduler.daemon.quartz.QuartzSchedulers.QuartzHandle;
import dev.scheduler.daemon.store.Jdbc;
import dev.scheduler.daemon.store.SchedulerDatabase;
import dev.scheduler.db.DatabaseMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator command works with: the database (a small pool), the job store through a Quartz
 * client that never runs jobs, and the history. Works whether or not any node is running.
 */
public final class OperatorSession implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OperatorSession.class);
  static final int POOL_SIZE = 3;

  private final SchedulerConfig config;
  private final SchedulerDatabase database;
  private final QuartzHandle quartz;
  private final Clock clock;

  private OperatorSession(
      SchedulerConfig config, SchedulerDatabase database, QuartzHandle quartz, Clock clock) {
    this.config = config;
    this.database = database;
    this.quartz = quartz;
    this.clock = clock;
  }

  /**
   * Opens a session on the configured database.
   *
   * @throws OperationFailedException when the schema is missing or from another version
   */
  public static OperatorSession open(SchedulerConfig config, Clock clock) {
    SchedulerDatabase database =
        SchedulerDatabase.open(config, POOL_SIZE, "scheduler-cli-" + NodeIdentity.operator());
    try {
      DatabaseMigrations.validate(database.dataSource());
      String clientId = "cli-" + ProcessHandle.current().pid();
      QuartzHandle quartz = QuartzSchedulers.client(clientId, database.dataSource(), clock);
      return new OperatorSession(config, database, quartz, clock);
    } catch (FlywayException e) {
      database.close();
      throw new OperationFailedException(
          "the database at "
              + database.description()
              + " is not at this build's schema ("
              + firstLine(e.getMessage())
              + "); run `scheduler migrate` (or start a node, which migrates)",
          e);
    } catch (SchedulerException | RuntimeException e) {
      database.close();
      throw new OperationFailedException("could not open the job store: " + e.getMessage(), e);
    }
  }

  public SchedulerConfig config() {
    return config;
  }

  public QuartzHandle quartz() {
    return quartz;
  }

  public HistoryRepository history() {
    return new HistoryRepository(database.dataSource());
  }

  public NodeRegistry nodes() {
    return new NodeRegistry(database.dataSource());
  }

  public SchedulerDatabase database() {
    return database;
  }

  public Clock clock() {
    return clock;
  }

  /** The operating-system user running this command. */
  public static String osUser() {
    return System.getProperty("user.name", "unknown");
  }

  /**
   * The audit-log row for an action, to be written in the action's own transaction: an action is
   * never taken without its record, nor recorded without being taken.
   */
  public Jdbc.Work<Void> auditing(
      AuditLog.Action action, String target, Optional<String> reason, Optional<String> details) {
    Instant at = clock.instant();
    return conn -> {
      AuditLog.record(conn, at, osUser(), NodeIdentity.hostName(), action, target, reason, details);
      return null;
    };
  }

  /** Records an action that Quartz's API committed on its own, right after it. */
  public void audit(
      AuditLog.Action action, String target, Optional<String> reason, Optional<String> details) {
    try {
      Jdbc.inTransaction(database.dataSource(), auditing(action, target, reason, details));
    } catch (SQLException e) {
      throw new OperationFailedException(
          action.name().toLowerCase(java.util.Locale.ROOT)
              + " of "
              + target
              + " was done, but could not be written to the audit log: "
              + e.getMessage(),
          e);
    }
  }

  public AuditLog auditLog() {
    return new AuditLog(database.dataSource());
  }

  /**
   * Wakes the live nodes so that a change just committed takes effect at once rather than at their
   * next poll. Best effort: a node that misses it finds the work by polling.
   *
   * @param dueAt the earliest fire time the change brings
   */
  public void wakeNodes(Instant dueAt) {
    if (database.embedded()) {
      return; // one node, in this process's reach only through the store; it polls
    }
    try (Connection conn = database.dataSource().getConnection()) {
      Wakeups.send(conn, dueAt.toEpochMilli());
    } catch (SQLException e) {
      log.warn(
          "could not wake the nodes ({}); they pick the change up at their next poll",
          e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      quartz.scheduler().shutdown(false);
    } catch (SchedulerException e) {
      log.debug("closing the Quartz client failed", e);
    }
    database.close();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no details";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }
}
