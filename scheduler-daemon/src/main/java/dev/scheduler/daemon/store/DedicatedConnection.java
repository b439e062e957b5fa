package dev.scheduler.daemon.store;

import dev.scheduler.daemon.config.DatabaseConfig;
import dev.scheduler.daemon.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A plain PostgreSQL connection outside the pool, for a session the node holds for its whole life
 * (its liveness lock, its LISTEN for wake-ups): the pool's lifetime rules would recycle it and drop
 * what the session holds.
 */
public final class DedicatedConnection {

  private DedicatedConnection() {}

  /**
   * @param applicationName shown in {@code pg_stat_activity}, so operators can tell the sessions
   *     apart
   */
  public static Connection open(DatabaseConfig database, String applicationName)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", database.user());
    database.password().map(Secret::reveal).ifPresent(p -> properties.setProperty("password", p));
    properties.setProperty("ApplicationName", applicationName);
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty(
        "connectTimeout", String.valueOf(SchedulerDatabase.CONNECT_TIMEOUT_MILLIS / 1000));
    return DriverManager.getConnection(database.url(), properties);
  }
}
