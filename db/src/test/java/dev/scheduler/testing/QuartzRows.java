package dev.scheduler.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes triggers straight into Quartz's tables, in bulk: a burst of thousands of fires must be in
 * place at once, not trickle in through one API call each. For tests and benchmarks.
 */
public final class QuartzRows {

  private QuartzRows() {}

  /**
   * {@code count} one-shot simple triggers {@code GROUP-1..N} of a job in the {@code default}
   * group, due at {@code due}.
   */
  public static void oneShots(
      Connection conn, String schedulerName, String job, String group, int count, Instant due)
      throws SQLException {
    long at = due.toEpochMilli();
    try (PreparedStatement triggers =
            conn.prepareStatement(
                "insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name,"
                    + " job_group, next_fire_time, prev_fire_time, priority, trigger_state,"
                    + " trigger_type, start_time, end_time, misfire_instr)"
                    + " select ?, ? || '-' || g, ?, ?, 'default', ?, -1, 5, 'WAITING', 'SIMPLE',"
                    + " ?, 0, 0 from generate_series(1, ?) g");
        PreparedStatement simple =
            conn.prepareStatement(
                "insert into qrtz_simple_triggers (sched_name, trigger_name, trigger_group,"
                    + " repeat_count, repeat_interval, times_triggered)"
                    + " select ?, ? || '-' || g, ?, 0, 0, 0 from generate_series(1, ?) g")) {
      triggers.setString(1, schedulerName);
      triggers.setString(2, group);
      triggers.setString(3, group);
      triggers.setString(4, job);
      triggers.setLong(5, at);
      triggers.setLong(6, at);
      triggers.setInt(7, count);
      triggers.executeUpdate();
      // The simple rows' foreign-key checks look the triggers up one by one: without fresh
      // statistics the planner takes the table for empty and scans it for each, which made
      // seeding 10,000 rows take seconds.
      try (var analyze = conn.createStatement()) {
        analyze.execute("analyze qrtz_triggers");
      }
      simple.setString(1, schedulerName);
      simple.setString(2, group);
      simple.setString(3, group);
      simple.setInt(4, count);
      simple.executeUpdate();
    }
  }

  /** Moves every trigger of a group to {@code due}, in one statement. */
  public static int moveTo(Connection conn, String schedulerName, String group, Instant due)
      throws SQLException {
    try (PreparedStatement update =
        conn.prepareStatement(
            "update qrtz_triggers set next_fire_time = ?, start_time = ? where sched_name = ? and"
                + " trigger_group = ?")) {
      update.setLong(1, due.toEpochMilli());
      update.setLong(2, due.toEpochMilli());
      update.setString(3, schedulerName);
      update.setString(4, group);
      return update.executeUpdate();
    }
  }
}
