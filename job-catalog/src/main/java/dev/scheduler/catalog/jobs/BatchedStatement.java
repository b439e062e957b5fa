package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.text.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Runs one statement, or runs it again and again while full batches come back, each run in its own
 * transaction (autocommit), so that purging millions of rows never holds one long transaction or
 * its locks. Interrupted, it stops between batches, or cancels the statement that is running.
 */
final class BatchedStatement {

  /** Rows affected over all runs, and how many runs it took. */
  record Outcome(long rows, int batches) {}

  /** Sets the statement's parameters, once, before the first run. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement, int batchSize) throws SQLException;
  }

  private final DataSource dataSource;
  private final String sql;
  private final Binder binder;
  private final Duration timeout;

  /**
   * @param binder sets the statement's parameters, given the batch size (0 when not batched)
   * @param timeout how long one run of the statement may take
   */
  BatchedStatement(DataSource dataSource, String sql, Binder binder, Duration timeout) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.binder = binder;
    this.timeout = timeout;
  }

  /** A binder that gives the batch size to the first {@code count} parameters. */
  static Binder batchSizeTimes(int count) {
    return (statement, batchSize) -> {
      for (int i = 1; i <= count; i++) {
        statement.setInt(i, batchSize);
      }
    };
  }

  /** Runs the statement once. */
  Outcome once() throws SQLException, InterruptedException {
    return run(0);
  }

  /** Runs the statement until a run affects fewer than {@code batchSize} rows. */
  Outcome batches(int batchSize) throws SQLException, InterruptedException {
    return run(batchSize);
  }

  private Outcome run(int batchSize) throws SQLException, InterruptedException {
    long total = 0;
    int batches = 0;
    // Checked before asking the pool too, which turns an interrupt into a plain SQLException.
    stopIfInterrupted(total, batches);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      connection.setAutoCommit(true);
      // JDBC counts whole seconds; round up so that a 500ms timeout is not "no timeout" (0).
      statement.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
      binder.bind(statement, batchSize);
      while (true) {
        stopIfInterrupted(total, batches);
        int rows;
        try {
          rows = execute(statement);
        } catch (InterruptedException e) {
          throw new InterruptedException(
              "interrupted after "
                  + batches
                  + " batches and "
                  + total
                  + " rows; the running statement was cancelled");
        }
        total += rows;
        batches++;
        if (batchSize == 0 || rows < batchSize) {
          return new Outcome(total, batches);
        }
      }
    }
  }

  private static void stopIfInterrupted(long rows, int batches) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException(
          "interrupted after " + batches + " batches and " + rows + " rows");
    }
  }

  private int execute(PreparedStatement statement) throws SQLException, InterruptedException {
    try {
      return CancellableExecution.execute(statement);
    } catch (SQLException e) {
      if (isCancel(e)) {
        throw new SQLException(
            "the statement ran longer than statementTimeout "
                + Durations.format(timeout)
                + " and was cancelled; raise statementTimeout or use a smaller batchSize",
            e.getSQLState(),
            e);
      }
      throw e;
    }
  }

  /** PostgreSQL's query_canceled, or the driver's own timeout. */
  private static boolean isCancel(SQLException e) {
    return "57014".equals(e.getSQLState()) || e instanceof SQLTimeoutException;
  }
}
