package dev.scheduler.daemon.quartz;

import dev.scheduler.daemon.history.HistoryRepository;
import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, and on request releases, what a crash or a bug can leave stuck in Quartz's tables:
 * triggers ACQUIRED or BLOCKED with no live node behind them (they would never fire again),
 * triggers in ERROR, fired triggers of dead nodes, and runs still RUNNING on dead nodes. Every
 * release is a compare-and-set on the state it found, inside the trigger lock.
 */
final class StuckTriggers {

  private static final String ACQUIRED =
      "select t.trigger_name, t.trigger_group, t.job_name, f.instance_name from {0}triggers t"
          + " left join {0}fired_triggers f on f.sched_name = t.sched_name"
          + " and f.trigger_name = t.trigger_name and f.trigger_group = t.trigger_group"
          + " where t.sched_name = ? and t.trigger_state = 'ACQUIRED'";

  private static final String BLOCKED =
      "select t.trigger_name, t.trigger_group, t.job_name, t.job_group, t.trigger_state,"
          + " f.instance_name from {0}triggers t left join {0}fired_triggers f"
          + " on f.sched_name = t.sched_name and f.job_name = t.job_name"
          + " and f.job_group = t.job_group and f.state = 'EXECUTING'"
          + " where t.sched_name = ? and t.trigger_state in ('BLOCKED', 'PAUSED_BLOCKED')";

  private static final String ERROR =
      "select trigger_name, trigger_group, job_name from {0}triggers"
          + " where sched_name = ? and trigger_state = 'ERROR'";

  private static final String FIRED =
      "select instance_name, count(*) from {0}fired_triggers where sched_name = ?"
          + " group by instance_name";

  private static final String RUNNING =
      "select node_id, count(*) from job_execution where status = 'RUNNING' group by node_id";

  private static final String RELEASE =
      "update {0}triggers set trigger_state = ? where sched_name = ? and trigger_name = ?"
          + " and trigger_group = ? and trigger_state = ?";

  private final String tablePrefix;
  private final String schedulerName;

  StuckTriggers(String tablePrefix, String schedulerName) {
    this.tablePrefix = tablePrefix;
    this.schedulerName = schedulerName;
  }

  /** What is stuck, given the nodes alive now; with {@code repair}, released as it is found. */
  List<Finding> examine(Connection conn, Set<String> liveNodes, boolean repair, Instant now)
      throws SQLException {
    List<Finding> findings = new ArrayList<>();
    for (List<String[]> firings : byTrigger(rows(conn, ACQUIRED, 4)).values()) {
      if (firings.stream().anyMatch(row -> liveNodes.contains(row[3]))) {
        continue;
      }
      String[] row = firings.get(0);
      boolean repaired = repair && release(conn, row[0], row[1], "ACQUIRED", "WAITING");
      findings.add(
          new Finding(
              Finding.Kind.STUCK_ACQUIRED,
              "trigger " + row[1] + "." + row[0] + " of job " + row[2],
              row[3] == null
                  ? "ACQUIRED with no firing on record"
                  : "ACQUIRED by node " + row[3] + ", which is not alive",
              repaired ? "set back to WAITING" : "set back to WAITING with --repair",
              repaired));
    }
    for (List<String[]> runs : byTrigger(rows(conn, BLOCKED, 6)).values()) {
      if (runs.stream().anyMatch(row -> liveNodes.contains(row[5]))) {
        continue;
      }
      String[] row = runs.get(0);
      String to = row[4].equals("PAUSED_BLOCKED") ? "PAUSED" : "WAITING";
      boolean repaired = repair && release(conn, row[0], row[1], row[4], to);
      findings.add(
          new Finding(
              Finding.Kind.STUCK_BLOCKED,
              "trigger " + row[1] + "." + row[0] + " of job " + row[2],
              row[4] + " though no live node runs the job",
              repaired ? "set back to " + to : "set back to " + to + " with --repair",
              repaired));
    }
    for (String[] row : rows(conn, ERROR, 3)) {
      boolean repaired = repair && release(conn, row[0], row[1], "ERROR", "WAITING");
      findings.add(
          new Finding(
              Finding.Kind.ERROR,
              "trigger " + row[1] + "." + row[0] + " of job " + row[2],
              "in ERROR (its job could not be loaded or its trigger failed)",
              repaired ? "set back to WAITING" : "set back to WAITING with --repair",
              repaired));
    }
    for (String[] row : rows(conn, FIRED, 2)) {
      if (!liveNodes.contains(row[0])) {
        findings.add(
            new Finding(
                Finding.Kind.DEAD_NODE_FIRINGS,
                "node " + row[0],
                row[1] + " firings on record though the node is not alive",
                "recovered by the next live node's check-in",
                false));
      }
    }
    for (String[] row :
        Jdbc.query(
            conn, RUNNING, select -> {}, r -> new String[] {r.getString(1), r.getString(2)})) {
      if (row[0] != null && !liveNodes.contains(row[0])) {
        boolean repaired =
            repair
                && HistoryRepository.markOrphaned(
                        conn, row[0], now, "its node " + row[0] + " is not alive (doctor)")
                    > 0;
        findings.add(
            new Finding(
                Finding.Kind.ORPHANED_RUNS,
                "node " + row[0],
                row[1] + " runs still RUNNING though the node is not alive",
                repaired ? "marked ORPHANED" : "marked ORPHANED with --repair",
                repaired));
      }
    }
    return findings;
  }

  /** Rows grouped by their trigger (name, group), in the order they came. */
  private static Map<String, List<String[]>> byTrigger(List<String[]> rows) {
    Map<String, List<String[]>> grouped = new LinkedHashMap<>();
    for (String[] row : rows) {
      grouped.computeIfAbsent(row[1] + "." + row[0], key -> new ArrayList<>()).add(row);
    }
    return grouped;
  }

  private boolean release(Connection conn, String trigger, String group, String from, String to)
      throws SQLException {
    return Jdbc.update(
            conn,
            sql(RELEASE),
            update -> {
              update.setString(1, to);
              update.setString(2, schedulerName);
              update.setString(3, trigger);
              update.setString(4, group);
              update.setString(5, from);
            })
        > 0;
  }

  private List<String[]> rows(Connection conn, String template, int columns) throws SQLException {
    return Jdbc.query(
        conn,
        sql(template),
        select -> select.setString(1, schedulerName),
        row -> {
          String[] values = new String[columns];
          for (int i = 0; i < columns; i++) {
            values[i] = row.getString(i + 1);
          }
          return values;
        });
  }

  private String sql(String template) {
    return template.replace("{0}", tablePrefix);
  }
}
