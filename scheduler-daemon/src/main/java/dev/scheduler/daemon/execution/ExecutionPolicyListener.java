package dev.scheduler.daemon.execution;

import dev.scheduler.catalog.RetryPolicy;
import dev.scheduler.catalog.quartz.FireFacts;
import dev.scheduler.daemon.history.ExecutionStatus;
import dev.scheduler.daemon.history.HistoryWriter;
import dev.scheduler.daemon.history.Outcomes;
import dev.scheduler.daemon.history.RunNotes;
import dev.scheduler.daemon.quartz.DeclaredJob;
import dev.scheduler.daemon.quartz.SchedulerJobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.spi.OperableTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a job's execution policy around each run: starts its timeout, and when it ends,
 * decides its retry (stored with the run's completion, in one transaction) or, on shutdown, leaves
 * an interrupted recoverable run to a surviving node. Registered before the history listener, whose
 * row then carries the decision's note. Never throws into Quartz.
 */
public final class ExecutionPolicyListener implements JobListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExecutionPolicyListener.class);

  private final SchedulerJobStore store;
  private final Clock clock;
  private final TimeoutWatchdog watchdog;
  private volatile boolean stopping;

  public ExecutionPolicyListener(SchedulerJobStore store, HistoryWriter history, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.watchdog = new TimeoutWatchdog(history);
  }

  @Override
  public String getName() {
    return "execution-policy";
  }

  /** From now on, runs interrupted are interrupted by the node's shutdown. */
  public void nodeStopping() {
    stopping = true;
  }

  @Override
  public void jobToBeExecuted(JobExecutionContext context) {
    try {
      DeclaredJob.timeoutOf(context.getJobDetail())
          .ifPresent(timeout -> watchdog.watch(context, timeout));
    } catch (RuntimeException e) {
      log.error("could not start the timeout of {}", context.getFireInstanceId(), e);
    }
  }

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
    try {
      watchdog.unwatch(context);
      ExecutionStatus status = Outcomes.status(context, error);
      if (status == ExecutionStatus.INTERRUPTED
          && stopping
          && context.getJobDetail().requestsRecovery()) {
        store.leaveForRecovery(context.getFireInstanceId());
        RunNotes.note(context, "the node stopped; it will run again on a surviving node");
      } else if (status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMED_OUT) {
        retry(context);
      }
    } catch (RuntimeException e) {
      log.error("could not apply the execution policy to {}", context.getFireInstanceId(), e);
    }
  }

  private void retry(JobExecutionContext context) {
    RetryPolicy policy = DeclaredJob.retryOf(context.getJobDetail());
    if (!policy.retries()) {
      return;
    }
    FireFacts fire = FireFacts.of(context);
    Optional<Duration> delay = policy.delayAfter(fire.attempt());
    String previous = RunNotes.note(context);
    if (delay.isEmpty()) {
      RunNotes.note(
          context,
          join(
              previous,
              "final attempt "
                  + fire.attempt()
                  + " of "
                  + policy.maxAttempts()
                  + " failed; no retry left"));
      return;
    }
    // Quartz keeps fire times in whole milliseconds: round up, so that the retry never comes due
    // before its backoff has fully passed.
    Instant exact = RunNotes.endedAt(context, clock).plus(delay.get());
    Instant at = exact.truncatedTo(ChronoUnit.MILLIS);
    if (at.isBefore(exact)) {
      at = at.plusMillis(1);
    }
    store.retryAfterCompletion(
        context.getFireInstanceId(),
        (OperableTrigger) context.getTrigger(),
        fire.scheduledAt(),
        fire.attempt() + 1,
        at);
    RunNotes.markRetryPending(context);
    RunNotes.note(
        context,
        join(
            previous,
            "attempt "
                + fire.attempt()
                + " of "
                + policy.maxAttempts()
                + " failed; attempt "
                + (fire.attempt() + 1)
                + " at "
                + at));
  }

  private static String join(String first, String second) {
    return first == null ? second : first + "; " + second;
  }

  @Override
  public void jobExecutionVetoed(JobExecutionContext context) {}

  @Override
  public void close() {
    watchdog.close();
  }
}
