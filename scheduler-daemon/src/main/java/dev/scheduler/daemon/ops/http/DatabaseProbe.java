package dev.scheduler.daemon.ops.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Asks the database whether it answers, waiting at most {@link #TIMEOUT}. Taking a connection from
 * the pool can block far longer while the database is away, so the question is asked on a thread of
 * its own, and at most one is in flight: probes that come meanwhile wait on the same answer.
 */
final class DatabaseProbe implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final DataSource dataSource;
  private final ExecutorService thread;
  private CompletableFuture<Optional<String>> inFlight;

  DatabaseProbe(DataSource dataSource, String nodeId) {
    this.dataSource = dataSource;
    this.thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread probe = new Thread(runnable, "health-database-" + nodeId);
              probe.setDaemon(true);
              return probe;
            });
  }

  /** Empty when the database answered in time, else what went wrong. */
  Optional<String> problem() {
    try {
      return ask().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Optional.of("no answer within " + TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      return Optional.of(e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while waiting for the database");
    }
  }

  private synchronized CompletableFuture<Optional<String>> ask() {
    if (inFlight == null || inFlight.isDone()) {
      inFlight = CompletableFuture.supplyAsync(this::check, thread);
    }
    return inFlight;
  }

  private Optional<String> check() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid((int) TIMEOUT.toSeconds())
          ? Optional.empty()
          : Optional.of("the connection did not answer within " + TIMEOUT.toSeconds() + " s");
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
