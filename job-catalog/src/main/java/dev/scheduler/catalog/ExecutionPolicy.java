package dev.scheduler.catalog;

import dev.scheduler.catalog.schedule.CatchUp;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job's runs are carried out, whatever the job does.
 *
 * @param concurrency whether its runs may overlap
 * @param catchUp what happens to fires it could not run
 * @param retry how a failed run is tried again
 * @param timeout how long a run may take before it is interrupted, if limited
 * @param recover whether a run whose node died (or that a shutdown interrupted) runs again on
 *     another node; off, it is only recorded as orphaned
 */
public record ExecutionPolicy(
    Concurrency concurrency,
    CatchUp catchUp,
    RetryPolicy retry,
    Optional<Duration> timeout,
    boolean recover) {

  public static final Concurrency DEFAULT_CONCURRENCY = Concurrency.FORBID;
  public static final boolean DEFAULT_RECOVER = true;

  public static final ExecutionPolicy DEFAULT =
      new ExecutionPolicy(
          DEFAULT_CONCURRENCY,
          CatchUp.DEFAULT,
          RetryPolicy.NONE,
          Optional.empty(),
          DEFAULT_RECOVER);

  public ExecutionPolicy {
    Objects.requireNonNull(concurrency, "concurrency");
    Objects.requireNonNull(catchUp, "catchUp");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(timeout, "timeout");
    timeout.ifPresent(RetryPolicy::checkPositive);
  }

  public ExecutionPolicy withConcurrency(Concurrency value) {
    return new ExecutionPolicy(value, catchUp, retry, timeout, recover);
  }

  public ExecutionPolicy withCatchUp(CatchUp value) {
    return new ExecutionPolicy(concurrency, value, retry, timeout, recover);
  }
}
