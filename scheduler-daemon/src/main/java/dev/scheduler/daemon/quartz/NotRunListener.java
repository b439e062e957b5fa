package dev.scheduler.daemon.quartz;

import dev.scheduler.daemon.history.ExecutionStatus;

/**
 * Told of each scheduled fire the job store recorded as not run (MISSED or SKIPPED), once the
 * transaction that recorded it has committed: for metrics, without reading the history back.
 */
@FunctionalInterface
public interface NotRunListener {

  /**
   * @param job the job's name
   * @param status {@link ExecutionStatus#MISSED} or {@link ExecutionStatus#SKIPPED}
   * @param reason why, in one word: {@code downtime}, {@code blocked} or {@code paused}
   */
  void notRun(String job, ExecutionStatus status, String reason);

  /** This listener, then the other (metrics, then alerts). */
  default NotRunListener and(NotRunListener other) {
    return (job, status, reason) -> {
      notRun(job, status, reason);
      other.notRun(job, status, reason);
    };
  }

  NotRunListener NONE = (job, status, reason) -> {};
}
