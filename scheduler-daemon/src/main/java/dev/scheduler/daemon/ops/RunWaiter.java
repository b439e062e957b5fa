package dev.scheduler.daemon.ops;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.history.Execution;
import dev.scheduler.daemon.history.ExecutionStatus;
import dev.scheduler.daemon.history.HistoryRepository.LatestAttempt;
import dev.scheduler.daemon.ops.JobOperations.TriggeredRun;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.quartz.JobPersistenceException;

/**
 * Follows a manual run to its final outcome ({@code jobs trigger --wait}): its last attempt ended
 * and no retry is pending. A run whose node died may still be re-run by a survivor, so an orphaned
 * or interrupted run is waited on like a running one.
 */
public final class RunWaiter {

  static final Duration POLL = Duration.ofMillis(200);

  private static final Set<ExecutionStatus> MAY_RUN_AGAIN =
      Set.of(ExecutionStatus.RUNNING, ExecutionStatus.ORPHANED, ExecutionStatus.INTERRUPTED);

  private final OperatorSession session;

  public RunWaiter(OperatorSession session) {
    this.session = session;
  }

  /**
   * Waits up to {@code timeout} for the run's final outcome.
   *
   * @return the last attempt, or its latest state when the timeout passed first (empty if it never
   *     started)
   */
  public Result await(TriggeredRun run, Duration timeout) {
    Instant deadline = session.clock().instant().plus(timeout);
    while (true) {
      Optional<LatestAttempt> attempt = latestAttempt(run);
      Optional<Execution> latest = attempt.map(LatestAttempt::execution);
      if (attempt.isPresent() && isFinal(attempt.get())) {
        return new Result(latest, true);
      }
      if (!session.clock().instant().isBefore(deadline)) {
        return new Result(latest, false);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(latest, false);
      }
    }
  }

  /**
   * @param last the run's last attempt as recorded, if it started
   * @param settled whether that is its final outcome
   */
  public record Result(Optional<Execution> last, boolean settled) {
    public boolean succeeded() {
      return settled && last.map(e -> e.status() == ExecutionStatus.SUCCEEDED).orElse(false);
    }
  }

  private Optional<LatestAttempt> latestAttempt(TriggeredRun run) {
    try {
      return session.history().latestOfRunStartedBy(run.trigger());
    } catch (SQLException e) {
      throw new OperationFailedException(
          "could not follow the run of " + run.job() + ": " + e.getMessage(), e);
    }
  }

  private boolean isFinal(LatestAttempt attempt) {
    ExecutionStatus status = attempt.execution().status();
    if (MAY_RUN_AGAIN.contains(status)) {
      return false;
    }
    if (status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMED_OUT) {
      try {
        return !session
            .quartz()
            .store()
            .retryPending(attempt.execution().attempt() + 1, attempt.fireInstanceId());
      } catch (JobPersistenceException e) {
        throw new OperationFailedException(
            "could not look for a retry of " + attempt.execution().job() + ": " + e.getMessage(),
            e);
      }
    }
    return true;
  }
}
