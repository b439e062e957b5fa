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
import org.quartz.TriggerKey;

/** Read-only questions the scheduler asks Quartz's tables directly, one query each. */
final class StoreQueries {

  private static final String NEXT_FIRES =
      "select job_name, job_group, min(next_fire_time) from {0}triggers where sched_name = ? and"
          + " trigger_state in ('WAITING', 'ACQUIRED', 'BLOCKED') group by job_name, job_group";

  private static final String NEXT_FIRES_BY_TRIGGER =
      "select trigger_name, trigger_group, next_fire_time from {0}triggers where sched_name = ?"
          + " and trigger_group = ? and trigger_state in ('WAITING', 'ACQUIRED', 'BLOCKED')";

  private static final String CHECKINS =
      "select instance_name, last_checkin_time, checkin_interval from {0}scheduler_state"
          + " where sched_name = ?";

  private static final String JOBS_FIRED_BY =
      "select distinct job_name, job_group from {0}fired_triggers where sched_name = ?"
          + " and instance_name = any(?::varchar[])";

  private static final String FIRED_INSTANCES =
      "select distinct instance_name from {0}fired_triggers where sched_name = ?";

  private static final String FIND_JOB =
      "select job_group from {0}job_details where sched_name = ? and job_name = ?";

  private final String tablePrefix;
  private final String schedulerName;

  StoreQueries(String tablePrefix, String schedulerName) {
    this.tablePrefix = tablePrefix;
    this.schedulerName = schedulerName;
  }

  /** Each job's earliest next fire over its triggers that can fire, in epoch millis. */
  Map<JobKey, Long> nextFireTimes(Connection conn) throws SQLException {
    Map<JobKey, Long> next = new HashMap<>();
    Jdbc.query(
        conn,
        sql(NEXT_FIRES),
        select -> select.setString(1, schedulerName),
        row -> next.put(new JobKey(row.getString(1), row.getString(2)), row.getLong(3)));
    return next;
  }

  /** The next fire of each trigger of a group that can fire, in epoch millis. */
  Map<TriggerKey, Long> nextFireTimes(Connection conn, String triggerGroup) throws SQLException {
    Map<TriggerKey, Long> next = new HashMap<>();
    Jdbc.query(
        conn,
        sql(NEXT_FIRES_BY_TRIGGER),
        select -> {
          select.setString(1, schedulerName);
          select.setString(2, triggerGroup);
        },
        row -> next.put(new TriggerKey(row.getString(1), row.getString(2)), row.getLong(3)));
    return next;
  }

  List<Checkin> checkins(Connection conn) throws SQLException {
    return Jdbc.query(
        conn,
        sql(CHECKINS),
        select -> select.setString(1, schedulerName),
        row -> new Checkin(row.getString(1), Instant.ofEpochMilli(row.getLong(2)), row.getLong(3)));
  }

  /** The nodes that have fired triggers on record. */
  List<String> firedTriggerInstances(Connection conn) throws SQLException {
    return Jdbc.query(
        conn,
        sql(FIRED_INSTANCES),
        select -> select.setString(1, schedulerName),
        row -> row.getString(1));
  }

  /** The jobs these nodes have firings of. */
  List<JobKey> jobsFiredBy(Connection conn, List<String> nodes) throws SQLException {
    return Jdbc.query(
        conn,
        sql(JOBS_FIRED_BY),
        select -> {
          select.setString(1, schedulerName);
          select.setArray(2, conn.createArrayOf("varchar", nodes.toArray()));
        },
        row -> new JobKey(row.getString(1), row.getString(2)));
  }

  Optional<JobKey> findJob(Connection conn, String name) throws SQLException {
    return Jdbc.query(
            conn,
            sql(FIND_JOB),
            select -> {
              select.setString(1, schedulerName);
              select.setString(2, name);
            },
            row -> new JobKey(name, row.getString(1)))
        .stream()
        .findFirst();
  }

  private String sql(String template) {
    return template.replace("{0}", tablePrefix);
  }
}
