package dev.scheduler.daemon.node;

import dev.scheduler.daemon.store.Jdbc;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The {@code scheduler_node} table: where and since when each node runs. */
public final class NodeRegistry {

  private static final String DELETE = "delete from scheduler_node where node_id = ?";
  private static final String INSERT =
      "insert into scheduler_node (node_id, host, pid, version, started_at, up_since, lock_key,"
          + " threads)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String STOPPED =
      "update scheduler_node set stopped_at = ? where node_id = ? and pid = ?";
  private static final String ALL =
      "select node_id, host, pid, version, started_at, stopped_at, skew_millis, threads"
          + " from scheduler_node";
  private static final String ONE = ALL + " where node_id = ?";

  private final DataSource dataSource;

  public NodeRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records that this node started now, replacing what an earlier run of the same id left.
   *
   * @param lockKey the key of the advisory lock its liveness session holds, or null (embedded)
   * @param threads its job threads
   */
  public void started(NodeIdentity node, String version, Instant at, Long lockKey, int threads)
      throws SQLException {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          Jdbc.update(connection, DELETE, delete -> delete.setString(1, node.id()));
          return Jdbc.update(
              connection,
              INSERT,
              insert -> {
                insert.setString(1, node.id());
                insert.setString(2, node.host());
                insert.setLong(3, node.pid());
                insert.setString(4, version);
                Jdbc.setInstant(insert, 5, at);
                Jdbc.setInstant(insert, 6, at);
                if (lockKey == null) {
                  insert.setNull(7, java.sql.Types.BIGINT);
                } else {
                  insert.setLong(7, lockKey);
                }
                insert.setInt(8, threads);
              });
        });
  }

  public void stopped(NodeIdentity node, Instant at) throws SQLException {
    Jdbc.inTransaction(
        dataSource,
        connection ->
            Jdbc.update(
                connection,
                STOPPED,
                update -> {
                  Jdbc.setInstant(update, 1, at);
                  update.setString(2, node.id());
                  update.setLong(3, node.pid());
                }));
  }

  public List<NodeRecord> all() throws SQLException {
    return Jdbc.inTransaction(
        dataSource,
        connection -> Jdbc.query(connection, ALL, statement -> {}, NodeRegistry::record));
  }

  public java.util.Optional<NodeRecord> find(String nodeId) throws SQLException {
    return Jdbc.inTransaction(
            dataSource,
            connection ->
                Jdbc.query(
                    connection, ONE, select -> select.setString(1, nodeId), NodeRegistry::record))
        .stream()
        .findFirst();
  }

  private static NodeRecord record(java.sql.ResultSet row) throws SQLException {
    return new NodeRecord(
        row.getString("node_id"),
        row.getString("host"),
        row.getLong("pid"),
        row.getString("version"),
        Jdbc.instant(row, "started_at"),
        Jdbc.instant(row, "stopped_at"),
        row.getObject("skew_millis", Long.class),
        row.getObject("threads", Integer.class));
  }

  /**
   * A node as the registry knows it.
   *
   * @param skewMillis its clock minus the database's at its latest check-in, if measured
   * @param threads its job threads, if known (nodes of versions before it was recorded)
   */
  public record NodeRecord(
      String id,
      String host,
      long pid,
      String version,
      Instant startedAt,
      Instant stoppedAt,
      Long skewMillis,
      Integer threads) {}
}
