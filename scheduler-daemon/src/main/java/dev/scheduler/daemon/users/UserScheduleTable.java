package dev.scheduler.daemon.users;

import dev.scheduler.catalog.schedule.Schedules;
import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code user_schedule} table, the source of truth for per-user schedules. Used inside the job
 * store's transactions, so a row and its trigger change together.
 */
public final class UserScheduleTable {

  private static final String UPDATE =
      "update user_schedule set schedule = ?, timezone = ?, updated_at = ?"
          + " where user_id = ? and job_name = ?";
  private static final String INSERT =
      "insert into user_schedule (user_id, job_name, schedule, timezone, created_at, updated_at)"
          + " values (?, ?, ?, ?, ?, ?)";
  private static final String SELECT =
      "select user_id, job_name, schedule, timezone from user_schedule";

  private UserScheduleTable() {}

  /** Inserts or replaces a user's schedule for a job. */
  public static void put(Connection conn, UserSchedule schedule, Instant now) throws SQLException {
    int updated =
        Jdbc.update(
            conn,
            UPDATE,
            update -> {
              update.setString(1, schedule.schedule().spec());
              update.setString(2, schedule.schedule().zone().getId());
              Jdbc.setInstant(update, 3, now);
              update.setString(4, schedule.userId());
              update.setString(5, schedule.job());
            });
    if (updated == 0) {
      Jdbc.update(
          conn,
          INSERT,
          insert -> {
            insert.setString(1, schedule.userId());
            insert.setString(2, schedule.job());
            insert.setString(3, schedule.schedule().spec());
            insert.setString(4, schedule.schedule().zone().getId());
            Jdbc.setInstant(insert, 5, now);
            Jdbc.setInstant(insert, 6, now);
          });
    }
  }

  /** Deletes a user's schedules (for one job, or all of them); returns the deleted ones. */
  public static List<UserSchedule> remove(Connection conn, String userId, Optional<String> job)
      throws SQLException {
    List<UserSchedule> removed = find(conn, Optional.of(userId), job);
    String sql =
        "delete from user_schedule where user_id = ?"
            + (job.isPresent() ? " and job_name = ?" : "");
    Jdbc.update(
        conn,
        sql,
        delete -> {
          delete.setString(1, userId);
          if (job.isPresent()) {
            delete.setString(2, job.get());
          }
        });
    return removed;
  }

  /** The schedules matching the filters, by job then user. */
  public static List<UserSchedule> find(
      Connection conn, Optional<String> userId, Optional<String> job) throws SQLException {
    List<String> conditions = new ArrayList<>();
    userId.ifPresent(id -> conditions.add("user_id = ?"));
    job.ifPresent(name -> conditions.add("job_name = ?"));
    String sql =
        SELECT
            + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
            + " order by job_name, user_id";
    return Jdbc.query(
        conn,
        sql,
        select -> {
          int index = 1;
          if (userId.isPresent()) {
            select.setString(index++, userId.get());
          }
          if (job.isPresent()) {
            select.setString(index, job.get());
          }
        },
        row -> {
          ZoneId zone = ZoneId.of(row.getString("timezone"));
          return new UserSchedule(
              row.getString("user_id"),
              row.getString("job_name"),
              Schedules.fromSpec(row.getString("schedule"), zone));
        });
  }
}
