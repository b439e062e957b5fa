package dev.scheduler.daemon.cluster;

import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster as PostgreSQL sees it, in one statement: every node's latest check-in (on the
 * database's clock), whether its database session still holds its lock, since when it has been up;
 * optionally checking this node in within the same statement. One statement per check-in keeps an
 * idle node's load on the database to about one query a second.
 *
 * @param peers every node with a check-in record
 * @param dbNowMillis the database's clock when the statement ran
 * @param checkedIn whether this node's check-in record was there to update
 */
public record ClusterSnapshot(List<PeerState> peers, long dbNowMillis, boolean checkedIn) {

  private static final String DB_NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

  private static final String PEERS =
      " select s.instance_name, s.last_checkin_time, n.up_since, n.stopped_at,"
          + " exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted"
          + " and l.classid = "
          + Integer.toUnsignedLong(LockKeys.NAMESPACE)
          + " and l.objsubid = 2 and l.objid::bigint = n.lock_key"
          + " and l.database = (select oid from pg_database where datname = current_database()))"
          + " as session_alive, %s as checked_in, "
          + DB_NOW
          + " as db_now from {0}scheduler_state s left join scheduler_node n"
          + " on n.node_id = s.instance_name where s.sched_name = ?";

  private static final String CHECK_IN =
      "with checkin as (update {0}scheduler_state set last_checkin_time = "
          + DB_NOW
          + ", checkin_interval = ? where sched_name = ? and instance_name = ?"
          + " returning instance_name),"
          + " node as (update scheduler_node set skew_millis = ?,"
          + " up_since = case when ? then clock_timestamp() else up_since end"
          + " where node_id = ? returning node_id)"
          // PostgreSQL runs a data-modifying WITH part whether or not the query reads it.
          + PEERS.formatted("(select count(*) from checkin)");

  private static final String REGISTER =
      "insert into {0}scheduler_state (sched_name, instance_name, last_checkin_time,"
          + " checkin_interval) values (?, ?, "
          + DB_NOW
          + ", ?)";

  private static final String LOOK = PEERS.formatted("1").stripLeading();

  /**
   * Checks a node in and reads the cluster.
   *
   * @param skewMillis the node's clock minus the database's, as last measured, or null
   * @param reconnected whether the node was cut off and now counts as up from this moment
   */
  static ClusterSnapshot checkIn(
      Connection conn,
      String tablePrefix,
      String schedulerName,
      String nodeId,
      long checkinIntervalMillis,
      Long skewMillis,
      boolean reconnected)
      throws SQLException {
    try (PreparedStatement statement = conn.prepareStatement(sql(CHECK_IN, tablePrefix))) {
      statement.setLong(1, checkinIntervalMillis);
      statement.setString(2, schedulerName);
      statement.setString(3, nodeId);
      if (skewMillis == null) {
        statement.setNull(4, java.sql.Types.BIGINT);
      } else {
        statement.setLong(4, skewMillis);
      }
      statement.setBoolean(5, reconnected);
      statement.setString(6, nodeId);
      statement.setString(7, schedulerName);
      return read(statement);
    }
  }

  /** Adds this node's check-in record, stamped with the database's clock. */
  static void register(
      Connection conn, String tablePrefix, String schedulerName, String nodeId, long intervalMillis)
      throws SQLException {
    Jdbc.update(
        conn,
        sql(REGISTER, tablePrefix),
        insert -> {
          insert.setString(1, schedulerName);
          insert.setString(2, nodeId);
          insert.setLong(3, intervalMillis);
        });
  }

  /** Reads the cluster without checking in: for operator commands and confirmations. */
  public static ClusterSnapshot look(Connection conn, String tablePrefix, String schedulerName)
      throws SQLException {
    try (PreparedStatement statement = conn.prepareStatement(sql(LOOK, tablePrefix))) {
      statement.setString(1, schedulerName);
      return read(statement);
    }
  }

  private static ClusterSnapshot read(PreparedStatement statement) throws SQLException {
    List<PeerState> peers = new ArrayList<>();
    long dbNow = 0;
    boolean checkedIn = false;
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        peers.add(
            new PeerState(
                rows.getString("instance_name"),
                rows.getLong("last_checkin_time"),
                rows.getBoolean("session_alive"),
                Jdbc.instant(rows, "up_since"),
                Jdbc.instant(rows, "stopped_at") != null));
        dbNow = rows.getLong("db_now");
        checkedIn = rows.getLong("checked_in") > 0;
      }
    }
    if (peers.isEmpty()) {
      dbNow = System.currentTimeMillis();
    }
    return new ClusterSnapshot(peers, dbNow, checkedIn);
  }

  private static String sql(String template, String tablePrefix) {
    return template.replace("{0}", tablePrefix);
  }
}
