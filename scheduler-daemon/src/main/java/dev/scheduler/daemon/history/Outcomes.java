package dev.scheduler.daemon.history;

import dev.scheduler.catalog.JobResult;
import java.time.Instant;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** Classifies how an execution ended, from what Quartz hands the job listeners. */
public final class Outcomes {

  private Outcomes() {}

  /** The outcome's status alone. */
  public static ExecutionStatus status(JobExecutionContext context, JobExecutionException error) {
    if (RunNotes.timedOut(context)) {
      return ExecutionStatus.TIMED_OUT;
    }
    if (error == null) {
      return ExecutionStatus.SUCCEEDED;
    }
    return interrupted(error) ? ExecutionStatus.INTERRUPTED : ExecutionStatus.FAILED;
  }

  /** The outcome as the run's history row records it. */
  public static ExecutionEnd of(
      JobExecutionContext context, JobExecutionException error, Instant at) {
    ExecutionStatus status = status(context, error);
    String policyNote = RunNotes.note(context);
    return switch (status) {
      case SUCCEEDED ->
          new ExecutionEnd(status, at, null, null, join(summary(context), policyNote));
      case INTERRUPTED ->
          new ExecutionEnd(
              status, at, null, null, join("interrupted before it finished", policyNote));
      case TIMED_OUT ->
          new ExecutionEnd(
              status,
              at,
              error == null ? null : unwrap(error).getClass().getName(),
              error == null ? null : message(unwrap(error)),
              policyNote);
      default -> {
        Throwable cause = unwrap(error);
        yield new ExecutionEnd(status, at, cause.getClass().getName(), message(cause), policyNote);
      }
    };
  }

  /**
   * The outcome of a run that got no outcome from its listeners: Quartz could not start it (its job
   * could not be created) or a listener failed.
   */
  public static ExecutionEnd notStarted(Instant at, String quartzInstruction) {
    return new ExecutionEnd(
        ExecutionStatus.FAILED,
        at,
        null,
        "the run ended without an outcome: its job could not be started (Quartz: "
            + quartzInstruction
            + "); see the node's log",
        null);
  }

  private static String join(String first, String second) {
    if (first == null) {
      return second;
    }
    return second == null ? first : first + "; " + second;
  }

  /** The job's own error inside Quartz's wrappers. */
  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof SchedulerException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static boolean interrupted(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  private static String summary(JobExecutionContext context) {
    return context.getResult() instanceof JobResult result ? result.summary() : null;
  }
}
