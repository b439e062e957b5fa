package dev.scheduler.daemon.quartz;

import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Since when the cluster has been up without a break, refreshed at each of this node's check-ins. A
 * node is up since it started or, after it lost the database for longer than it takes its peers to
 * count it dead, since it got the database back. The cluster is up since the earliest of its live
 * nodes.
 *
 * <p>This draws the line between a missed fire and a late one: a fire that came due before the
 * cluster was up was missed (downtime, a database outage) and follows its job's catch-up policy; a
 * fire due later that has not run yet is only late (a busy cluster) and runs as a normal fire.
 */
final class ClusterUptime {

  private static final String MARK_UP = "update scheduler_node set up_since = ? where node_id = ?";
  private static final String EARLIEST =
      "select min(n.up_since) as up_since from scheduler_node n join {0}scheduler_state s"
          + " on s.instance_name = n.node_id where s.sched_name = ? and n.stopped_at is null"
          + " and s.last_checkin_time + s.checkin_interval + ? >= ?";

  private final String tablePrefix;
  private final long outageMillis;
  private volatile long clusterUpSince;
  private long lastCheckin;

  /**
   * @param startedAt when this node started, in epoch millis
   * @param outageMillis how long without a check-in counts as having been cut off
   */
  ClusterUptime(String tablePrefix, long startedAt, long outageMillis) {
    this.tablePrefix = tablePrefix;
    this.clusterUpSince = startedAt;
    this.outageMillis = outageMillis;
  }

  /** The cluster's up-since, in epoch millis. */
  long upSince() {
    return clusterUpSince;
  }

  /** Called in the transaction of each successful check-in. */
  void checkedIn(Connection conn, String schedulerName, String nodeId, long now)
      throws SQLException {
    if (lastCheckin != 0 && now - lastCheckin > outageMillis) {
      Jdbc.update(
          conn,
          MARK_UP,
          update -> {
            Jdbc.setInstant(update, 1, Instant.ofEpochMilli(now));
            update.setString(2, nodeId);
          });
    }
    lastCheckin = now;
    Instant earliest =
        Jdbc.query(
                conn,
                EARLIEST.replace("{0}", tablePrefix),
                select -> {
                  select.setString(1, schedulerName);
                  select.setLong(2, outageMillis);
                  select.setLong(3, now);
                },
                row -> Jdbc.instant(row, "up_since"))
            .stream()
            .findFirst()
            .orElse(null);
    if (earliest != null) {
      clusterUpSince = earliest.toEpochMilli();
    }
  }
}
