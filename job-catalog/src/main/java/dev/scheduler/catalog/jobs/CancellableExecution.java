package dev.scheduler.catalog.jobs;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes a statement on a helper thread while the job's thread waits: a JDBC call blocked on the
 * network ignores interrupts, so an interrupt (job timeout, node shutdown) would otherwise wait for
 * the statement to end. Interrupted, it cancels the statement on the server and returns at once.
 */
final class CancellableExecution {

  private static final ExecutorService HELPERS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "sql-statement");
            thread.setDaemon(true);
            return thread;
          });

  private CancellableExecution() {}

  /** The update count (0 for a query or a call), as {@link PreparedStatement#execute()}. */
  static int execute(PreparedStatement statement) throws SQLException, InterruptedException {
    Future<Integer> running =
        HELPERS.submit(() -> statement.execute() ? 0 : Math.max(0, statement.getUpdateCount()));
    try {
      return running.get();
    } catch (InterruptedException e) {
      statement.cancel();
      awaitEnd(running);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException failure) {
        throw failure;
      }
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Lets the cancelled statement end before its connection goes back to the pool. */
  private static void awaitEnd(Future<Integer> running) {
    try {
      running.get();
    } catch (ExecutionException | CancellationException expected) {
      // The cancellation's own error: the interrupt is what the caller reports.
    } catch (InterruptedException again) {
      Thread.currentThread().interrupt();
    }
  }
}
