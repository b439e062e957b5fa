package dev.scheduler.daemon.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns a failed connection attempt into one sentence that says what happened and what to do. */
public final class DatabaseFailures {

  private DatabaseFailures() {}

  public static DatabaseUnavailableException unavailable(String url, String user, Throwable error) {
    return new DatabaseUnavailableException(describe(url, user, error), error);
  }

  static String describe(String url, String user, Throwable error) {
    String where = hostAndPort(url);
    SQLException sql = find(error, SQLException.class);
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    if (find(error, UnknownHostException.class) != null) {
      return "database host unknown in " + url + "; check database.url (or SCHEDULER_DB_URL)";
    }
    if (find(error, ConnectException.class) != null) {
      return "database unreachable at " + where + " (connection refused); is PostgreSQL running?";
    }
    if (find(error, SocketTimeoutException.class) != null) {
      return "database at " + where + " did not answer in time; is the host reachable?";
    }
    if (state.startsWith("28")) {
      return "database at "
          + where
          + " refused user '"
          + user
          + "' ("
          + firstLine(sql.getMessage())
          + "); check database.user and database.password (or SCHEDULER_DB_USER and"
          + " SCHEDULER_DB_PASSWORD)";
    }
    if (state.equals("3D000")) {
      return "database in "
          + url
          + " does not exist; create it (createdb) or fix database.url (or SCHEDULER_DB_URL)";
    }
    if (state.startsWith("08") || state.startsWith("57P")) {
      return "database unreachable at " + where + " (" + firstLine(sql.getMessage()) + ")";
    }
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "database at " + where + " failed: " + firstLine(String.valueOf(root.getMessage()));
  }

  /** {@code host:port} of a JDBC URL, for messages; the whole URL when it cannot be parsed. */
  public static String hostAndPort(String url) {
    try {
      URI uri = URI.create(url.substring("jdbc:".length()));
      if (uri.getHost() == null) {
        return url;
      }
      return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return url;
    }
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no details";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
