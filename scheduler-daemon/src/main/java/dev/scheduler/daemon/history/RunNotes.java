package dev.scheduler.daemon.history;

import org.quartz.JobExecutionContext;

/**
 * What the execution-policy listener tells the history listener about a run, through the run's
 * Quartz context: that it timed out, and a note for its history row (a retry's time, the final
 * attempt, a recovery elsewhere).
 */
public final class RunNotes {

  private static final String TIMED_OUT = RunNotes.class.getName() + ".timedOut";
  private static final String NOTE = RunNotes.class.getName() + ".note";

  private RunNotes() {}

  public static void markTimedOut(JobExecutionContext context) {
    context.put(TIMED_OUT, Boolean.TRUE);
  }

  public static boolean timedOut(JobExecutionContext context) {
    return Boolean.TRUE.equals(context.get(TIMED_OUT));
  }

  public static void note(JobExecutionContext context, String note) {
    context.put(NOTE, note);
  }

  public static String note(JobExecutionContext context) {
    return context.get(NOTE) instanceof String note ? note : null;
  }
}
