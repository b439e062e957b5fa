package dev.scheduler.daemon.quartz;

import java.sql.SQLException;
import org.quartz.JobPersistenceException;

/** The job store's own SQL steps, with their exceptions turned into Quartz's. */
final class StoreSql {

  private StoreSql() {}

  /** Runs SQL that returns a result. */
  static <T> T sql(Call<T> call, String what) throws JobPersistenceException {
    try {
      return call.run();
    } catch (SQLException e) {
      throw new JobPersistenceException("Couldn't " + what + ": " + e.getMessage(), e);
    }
  }

  /** Runs SQL that returns nothing. */
  static void sql(Step step, String what) throws JobPersistenceException {
    sql(
        () -> {
          step.run();
          return null;
        },
        what);
  }

  /** SQL with a result, possibly using Quartz's own steps. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws SQLException, JobPersistenceException;
  }

  /** SQL without a result, possibly using Quartz's own steps. */
  @FunctionalInterface
  interface Step {
    void run() throws SQLException, JobPersistenceException;
  }
}
