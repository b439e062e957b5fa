package dev.scheduler.daemon.ops;

import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code operator_audit} table: every operator action, who took it, from where, and why. */
public final class AuditLog {

  /** The actions recorded, as stored. */
  public enum Action {
    PAUSE,
    RESUME,
    AUTO_RESUME,
    TRIGGER,
    USERS_SET,
    USERS_REMOVE,
    REPAIR
  }

  /**
   * One recorded action.
   *
   * @param user the operating-system user the command ran as ({@code node} for a node's own act)
   * @param host the host it ran on
   * @param target what it acted on: job names, a group, a user id
   */
  public record Entry(
      long id,
      Instant at,
      String user,
      String host,
      String action,
      String target,
      String reason,
      String details) {}

  private static final String INSERT =
      "insert into operator_audit (at, os_user, host, action, target, reason, details)"
          + " values (?, ?, ?, ?, ?, ?, ?)";

  private static final int TARGET_LENGTH = 2000;

  private final DataSource dataSource;

  public AuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records an action in the caller's transaction. */
  public static void record(
      Connection conn,
      Instant at,
      String user,
      String host,
      Action action,
      String target,
      Optional<String> reason,
      Optional<String> details)
      throws SQLException {
    Jdbc.update(
        conn,
        INSERT,
        insert -> {
          Jdbc.setInstant(insert, 1, at);
          insert.setString(2, user);
          insert.setString(3, host);
          insert.setString(4, action.name());
          insert.setString(5, abbreviate(target));
          insert.setString(6, reason.orElse(null));
          insert.setString(7, details.orElse(null));
        });
  }

  /** The newest actions first, since an instant if given. */
  public List<Entry> recent(Optional<Instant> since, int limit) throws SQLException {
    String sql =
        "select id, at, os_user, host, action, target, reason, details from operator_audit"
            + (since.isPresent() ? " where at >= ?" : "")
            + " order by id desc limit ?";
    try (Connection conn = dataSource.getConnection()) {
      return Jdbc.query(
          conn,
          sql,
          select -> {
            int index = 1;
            if (since.isPresent()) {
              Jdbc.setInstant(select, index++, since.get());
            }
            select.setInt(index, limit);
          },
          row ->
              new Entry(
                  row.getLong("id"),
                  Jdbc.instant(row, "at"),
                  row.getString("os_user"),
                  row.getString("host"),
                  row.getString("action"),
                  row.getString("target"),
                  row.getString("reason"),
                  row.getString("details")));
    }
  }

  private static String abbreviate(String target) {
    return target.length() <= TARGET_LENGTH ? target : target.substring(0, TARGET_LENGTH - 1) + "…";
  }
}
