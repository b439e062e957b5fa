package dev.scheduler.daemon.testing;

import dev.scheduler.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Configuration files and database reads shared by the tests that run nodes. */
public final class ClusterTestSupport {

  private ClusterTestSupport() {}

  /** A configuration file on the test's database, with the given YAML (jobs, node settings). */
  public static Path config(Path directory, TestDatabase db, String yaml) {
    return config(directory, db.jdbcUrl(), db.user(), yaml);
  }

  /**
   * A configuration file on a database reached through {@code url}, e.g. through a proxy. Its
   * metrics and health endpoints take any free port, since tests run several nodes on one machine;
   * {@code yaml} must not have an http section of its own.
   */
  public static Path config(Path directory, String url, String user, String yaml) {
    try {
      return Files.writeString(
          directory.resolve("scheduler.yaml"),
          "database:\n  url: " + url + "\n  user: " + user + "\n" + "http:\n  port: 0\n" + yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test database's URL with its host and port replaced, e.g. by a proxy's. */
  public static String viaPort(TestDatabase db, int port) {
    return db.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
  }

  /** A query's single text value. */
  public static String queryText(TestDatabase db, String sql) {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /**
   * The environment of a node process with the given id, whose metrics and health endpoints take
   * any free port (several nodes share the machine; tests read the port from the node's log).
   */
  public static Map<String, String> nodeEnvironment(String nodeId) {
    Map<String, String> environment = new HashMap<>();
    environment.put("SCHEDULER_NODE_ID", nodeId);
    environment.put("SCHEDULER_HTTP_PORT", "0");
    return environment;
  }

  /** A query's rows as text, for failure messages. */
  public static String dump(TestDatabase db, String sql) {
    StringBuilder text = new StringBuilder(sql).append('\n');
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          text.append(i == 1 ? "" : " | ").append(rows.getString(i));
        }
        text.append('\n');
      }
    } catch (SQLException e) {
      text.append("(failed: ").append(e.getMessage()).append(")\n");
    }
    return text.toString();
  }

  /** The first column of the first row of a query, as a long. */
  public static long queryLong(TestDatabase db, String sql) {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
