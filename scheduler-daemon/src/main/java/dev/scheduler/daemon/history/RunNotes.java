package dev.scheduler.daemon.history;

import java.time.Clock;
import java.time.Instant;
import org.quartz.JobExecutionContext;

/**
 * What the execution-policy listener tells the history listener about a run, through the run's
 * Quartz context: that it timed out, that a retry is pending, and a note for its history row (a
 * retry's time, the final attempt, a recovery elsewhere).
 */
public final class RunNotes {

  private static final String TIMED_OUT = RunNotes.class.getName() + ".timedOut";
  private static final String RETRY_PENDING = RunNotes.class.getName() + ".retryPending";
  private static final String NOTE = RunNotes.class.getName() + ".note";
  private static final String ENDED_AT = RunNotes.class.getName() + ".endedAt";

  private RunNotes() {}

  public static void markTimedOut(JobExecutionContext context) {
    context.put(TIMED_OUT, Boolean.TRUE);
  }

  public static boolean timedOut(JobExecutionContext context) {
    return Boolean.TRUE.equals(context.get(TIMED_OUT));
  }

  /** The run failed but another attempt is stored: not yet a final failure. */
  public static void markRetryPending(JobExecutionContext context) {
    context.put(RETRY_PENDING, Boolean.TRUE);
  }

  public static boolean retryPending(JobExecutionContext context) {
    return Boolean.TRUE.equals(context.get(RETRY_PENDING));
  }

  /**
   * When the run ended, read once from the clock by the first listener that asks: the history's
   * finish and a retry's backoff count from the same instant.
   */
  public static Instant endedAt(JobExecutionContext context, Clock clock) {
    if (context.get(ENDED_AT) instanceof Instant known) {
      return known;
    }
    Instant now = clock.instant();
    context.put(ENDED_AT, now);
    return now;
  }

  public static void note(JobExecutionContext context, String note) {
    context.put(NOTE, note);
  }

  public static String note(JobExecutionContext context) {
    return context.get(NOTE) instanceof String note ? note : null;
  }
}
