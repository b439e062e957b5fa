package dev.scheduler.daemon.node;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.quartz.QuartzSchedulers;
import dev.scheduler.daemon.store.Jdbc;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * The embedded store serves one node. A second node on the same files would run every job twice, so
 * it refuses to start while another node checks in there.
 */
final class EmbeddedStoreGuard {

  private static final String OTHERS =
      "select instance_name, last_checkin_time, checkin_interval from qrtz_scheduler_state"
          + " where sched_name = ? and instance_name <> ?";

  private EmbeddedStoreGuard() {}

  static void refuseSecondNode(DataSource dataSource, NodeIdentity identity, Clock clock)
      throws SQLException {
    long now = clock.millis();
    List<String> live =
        Jdbc.inTransaction(
            dataSource,
            connection ->
                Jdbc.query(
                    connection,
                    OTHERS,
                    select -> {
                      select.setString(1, QuartzSchedulers.CLUSTER_NAME);
                      select.setString(2, identity.id());
                    },
                    row -> {
                      long age = now - row.getLong("last_checkin_time");
                      boolean alive = age < 2 * row.getLong("checkin_interval");
                      return alive
                          ? row.getString("instance_name") + " (checked in " + age + " ms ago)"
                          : null;
                    }));
    live.removeIf(java.util.Objects::isNull);
    if (!live.isEmpty()) {
      throw new OperationFailedException(
          "the embedded store is single-node and node "
              + String.join(", ", live)
              + " already runs on it; stop it first, or set database.url to a PostgreSQL"
              + " database to run several nodes");
    }
  }
}
