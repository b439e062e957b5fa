package dev.scheduler.daemon.quartz;

import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.quartz.JobKey;

/**
 * Row locks on jobs (PostgreSQL), which stand in for Quartz's cluster-wide trigger lock on the fast
 * path: firing and completing take them, and so do the store's own changes to a job's triggers.
 *
 * <ul>
 *   <li>Firing or completing a {@code forbid} job locks its row exclusively: "no run of it is
 *       executing" is checked and changed by one transaction at a time, across nodes.
 *   <li>Firing or completing other jobs locks their rows shared: nodes fire the same job in
 *       parallel, while a change to its triggers (pause, resume, reschedule) waits for them and
 *       they for it, instead of interleaving row by row.
 *   <li>Every transaction takes its locks in one order, {@code forbid} jobs first, then by name and
 *       group, so that they never wait on each other in a cycle.
 * </ul>
 */
final class JobLocks {

  private static final String ORDER = " order by is_nonconcurrent desc, job_name, job_group";

  /** The jobs' rows, these columns of them, in locking order; the lock mode is appended. */
  private static final String SELECT =
      "select %s from {0}job_details where sched_name = ? and (job_name, job_group) in"
          + " (select * from unnest(?::varchar[], ?::varchar[]))"
          + ORDER;

  /** The columns a lock alone reads. */
  private static final String KEY = "job_name";

  /** The columns of a job as firing reads it. */
  private static final String JOB =
      "job_name, job_group, description, job_class_name, is_durable, requests_recovery, job_data";

  private static final String ALL =
      "select job_name from {0}job_details where sched_name = ?" + ORDER + " for update";

  private final String tablePrefix;
  private final String schedulerName;

  JobLocks(String tablePrefix, String schedulerName) {
    this.tablePrefix = tablePrefix;
    this.schedulerName = schedulerName;
  }

  /** For firing and completing: {@code exclusive} ones first, then the {@code shared} ones. */
  void lock(Connection conn, Collection<JobKey> exclusive, Collection<JobKey> shared)
      throws SQLException {
    lock(conn, exclusive, " for update");
    lock(conn, shared, " for key share");
  }

  /**
   * As {@link #lock(Connection, Collection, Collection)}, reading the rows it locks in the same
   * statements: for firing, which needs the jobs it locks.
   */
  <T> List<T> lockAndRead(
      Connection conn,
      Collection<JobKey> exclusive,
      Collection<JobKey> shared,
      Jdbc.RowMapper<T> mapper)
      throws SQLException {
    List<T> jobs = new ArrayList<>();
    read(conn, exclusive, JOB, " for update", mapper, jobs);
    read(conn, shared, JOB, " for key share", mapper, jobs);
    return jobs;
  }

  /** For a change to these jobs' triggers: all exclusively. */
  void lockForChange(Connection conn, Collection<JobKey> jobs) throws SQLException {
    lock(conn, jobs, " for update");
  }

  /** For a change that may touch any job (reconciling the configuration). */
  void lockAllForChange(Connection conn) throws SQLException {
    try (PreparedStatement select = conn.prepareStatement(ALL.replace("{0}", tablePrefix))) {
      select.setString(1, schedulerName);
      drain(select);
    }
  }

  private void lock(Connection conn, Collection<JobKey> jobs, String mode) throws SQLException {
    // Each row read is a row locked; the rows themselves are not needed.
    read(conn, jobs, KEY, mode, row -> null, new ArrayList<>());
  }

  private <T> void read(
      Connection conn,
      Collection<JobKey> jobs,
      String columns,
      String mode,
      Jdbc.RowMapper<T> mapper,
      List<T> into)
      throws SQLException {
    if (jobs.isEmpty()) {
      return;
    }
    try (PreparedStatement select =
        conn.prepareStatement(SELECT.formatted(columns).replace("{0}", tablePrefix) + mode)) {
      bind(conn, select, jobs);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          into.add(mapper.map(rows));
        }
      }
    }
  }

  private void bind(Connection conn, PreparedStatement select, Collection<JobKey> jobs)
      throws SQLException {
    select.setString(1, schedulerName);
    select.setArray(2, conn.createArrayOf("varchar", jobs.stream().map(JobKey::getName).toArray()));
    select.setArray(
        3, conn.createArrayOf("varchar", jobs.stream().map(JobKey::getGroup).toArray()));
  }

  private static void drain(PreparedStatement select) throws SQLException {
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        // Each row read is a row locked.
      }
    }
  }
}
