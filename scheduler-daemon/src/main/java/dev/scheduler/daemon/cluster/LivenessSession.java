package dev.scheduler.daemon.cluster;

import dev.scheduler.daemon.config.DatabaseConfig;
import dev.scheduler.daemon.store.DedicatedConnection;
import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database session of the node's own that holds its advisory lock for as long as the process
 * lives. When the process dies, the operating system closes the socket and PostgreSQL drops the
 * session and the lock at once, which peers see at their next check-in: that is how a crash is told
 * apart from a pause (a GC pause or a slow database keeps the session and the lock). For a host
 * that vanishes without closing its sockets, the session asks the server to probe the connection
 * (TCP keepalive, user timeout) so the lock goes within seconds rather than hours.
 */
public final class LivenessSession implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LivenessSession.class);

  private static final String[] KEEPALIVE = {
    "set tcp_keepalives_idle = 5",
    "set tcp_keepalives_interval = 2",
    "set tcp_keepalives_count = 3",
    "set tcp_user_timeout = 10000"
  };

  private final DatabaseConfig database;
  private final String nodeId;
  private final int key;
  private Connection connection;

  private LivenessSession(DatabaseConfig database, String nodeId) {
    this.database = database;
    this.nodeId = nodeId;
    this.key = LockKeys.forNode(nodeId);
  }

  /**
   * Opens the session and takes the node's lock.
   *
   * @throws NodeIdInUseException when a live process holds the lock
   * @throws SQLException when the database cannot be reached
   */
  public static LivenessSession acquire(DatabaseConfig database, String nodeId)
      throws SQLException {
    LivenessSession session = new LivenessSession(database, nodeId);
    if (!session.lock()) {
      session.close();
      throw new NodeIdInUseException(
          "node id " + nodeId + " is in use by a live node (it holds the id's database lock)");
    }
    return session;
  }

  public int key() {
    return key;
  }

  /**
   * Makes sure the lock is held again after the session broke (a database restart). Returns false,
   * without throwing, when the database cannot be reached yet.
   *
   * @throws NodeIdInUseException when another process took the id meanwhile
   */
  public synchronized boolean reacquire() {
    try {
      if (connection != null && connection.isValid(2)) {
        return true;
      }
      relock();
      return true;
    } catch (SQLException e) {
      log.debug("could not re-take the lock of node {}: {}", nodeId, e.getMessage());
      closeQuietly();
      return false;
    }
  }

  /**
   * Runs this work on the session's connection (auto-commit), after re-taking the lock on a new
   * session if the last one broke. The node's routine check-ins run here rather than on a pooled
   * connection: the pool checks a connection idle for over half a second with a query of its own
   * before it lends it, which doubled an idle node's queries.
   *
   * @throws NodeIdInUseException when another process took the id while the session was broken
   */
  public synchronized <T> T run(Jdbc.Work<T> work) throws SQLException {
    if (connection == null || connection.isClosed()) {
      try {
        relock();
      } catch (SQLException e) {
        closeQuietly();
        throw e;
      }
    }
    return work.run(connection);
  }

  private void relock() throws SQLException {
    closeQuietly();
    if (!lock()) {
      closeQuietly();
      throw new NodeIdInUseException(
          "node id "
              + nodeId
              + " was taken by another process while this node was cut off from the database");
    }
    log.info("node {} holds its database lock again", nodeId);
  }

  private synchronized boolean lock() throws SQLException {
    connection = DedicatedConnection.open(database, "scheduler-liveness-" + nodeId);
    try (Statement statement = connection.createStatement()) {
      for (String setting : KEEPALIVE) {
        try {
          statement.execute(setting);
        } catch (SQLException e) {
          log.warn("the liveness session cannot apply '{}': {}", setting, e.getMessage());
        }
      }
    }
    try (PreparedStatement statement =
        connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
      statement.setInt(1, LockKeys.NAMESPACE);
      statement.setInt(2, key);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the liveness session failed", e);
      }
      connection = null;
    }
  }
}
