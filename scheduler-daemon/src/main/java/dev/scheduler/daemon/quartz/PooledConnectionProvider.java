package dev.scheduler.daemon.quartz;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz connections from the process's one pool. The pool belongs to the node, so Quartz
 * shutting down does not close it: history writes may still be flushing.
 */
final class PooledConnectionProvider implements ConnectionProvider {

  private final DataSource dataSource;

  PooledConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {}

  @Override
  public void initialize() {}
}
