package dev.scheduler.daemon.quartz;

import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quartz.JobKey;

/**
 * The {@code job_pause} table: which jobs an operator paused, when, by whom and why. Used inside
 * the job store's transactions, so a pause and its triggers' states change together.
 */
public final class JobPauses {

  private static final String INSERT =
      "insert into job_pause (job_name, job_group, paused_at, paused_by, reason, resume_at)"
          + " values (?, ?, ?, ?, ?, ?)";
  private static final String DELETE = "delete from job_pause where job_name = ?";
  private static final String EXISTS = "select 1 from job_pause where job_name = ?";
  private static final String ENDED =
      "select job_name, job_group from job_pause where resume_at <= ? order by job_name";
  private static final String ALL =
      "select job_name, paused_at, paused_by, reason, resume_at from job_pause";

  private JobPauses() {}

  /** Records a pause, replacing an earlier one of the same job. */
  static void pause(Connection conn, JobKey job, JobPause pause) throws SQLException {
    resume(conn, job);
    Jdbc.update(
        conn,
        INSERT,
        insert -> {
          insert.setString(1, job.getName());
          insert.setString(2, job.getGroup());
          Jdbc.setInstant(insert, 3, pause.pausedAt());
          insert.setString(4, pause.pausedBy());
          insert.setString(5, pause.reason().orElse(null));
          Jdbc.setInstant(insert, 6, pause.resumeAt().orElse(null));
        });
  }

  /** Removes a job's pause; true if it was paused. */
  static boolean resume(Connection conn, JobKey job) throws SQLException {
    return Jdbc.update(conn, DELETE, delete -> delete.setString(1, job.getName())) > 0;
  }

  static boolean isPaused(Connection conn, JobKey job) throws SQLException {
    return !Jdbc.query(conn, EXISTS, select -> select.setString(1, job.getName()), row -> true)
        .isEmpty();
  }

  /** The jobs whose pause was set to end at or before {@code now}. */
  static List<JobKey> endedBy(Connection conn, Instant now) throws SQLException {
    return Jdbc.query(
        conn,
        ENDED,
        select -> Jdbc.setInstant(select, 1, now),
        row -> new JobKey(row.getString("job_name"), row.getString("job_group")));
  }

  /** Every job's pause, by job name. */
  static Map<String, JobPause> all(Connection conn) throws SQLException {
    Map<String, JobPause> pauses = new HashMap<>();
    Jdbc.query(
        conn,
        ALL,
        select -> {},
        row ->
            pauses.put(
                row.getString("job_name"),
                new JobPause(
                    Jdbc.instant(row, "paused_at"),
                    row.getString("paused_by"),
                    Optional.ofNullable(row.getString("reason")),
                    Jdbc.optionalInstant(row, "resume_at"))));
    return pauses;
  }

  /**
   * A pause of a job.
   *
   * @param pausedAt when it was paused
   * @param pausedBy who paused it, {@code user@host}
   * @param reason why, if the operator said
   * @param resumeAt when the pause ends by itself, if set
   */
  public record JobPause(
      Instant pausedAt, String pausedBy, Optional<String> reason, Optional<Instant> resumeAt) {}
}
