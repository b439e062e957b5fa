package dev.scheduler.daemon.ops.alerts;

import dev.scheduler.daemon.history.ExecutionEnd;
import dev.scheduler.daemon.history.Outcomes;
import dev.scheduler.daemon.history.RunNotes;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link Alerts} how each run on this node ended, as its history row records it. Registered
 * after the execution-policy listener, which has decided by then whether a failed run is retried.
 * Never throws into Quartz.
 */
public final class AlertingJobListener implements JobListener {

  private static final Logger log = LoggerFactory.getLogger(AlertingJobListener.class);

  private final Alerts alerts;

  public AlertingJobListener(Alerts alerts) {
    this.alerts = alerts;
  }

  @Override
  public String getName() {
    return "alerts";
  }

  @Override
  public void jobToBeExecuted(JobExecutionContext context) {}

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
    try {
      ExecutionEnd end = Outcomes.of(context, error, context.getFireTime().toInstant());
      String failure =
          end.errorClass() == null
              ? end.errorMessage()
              : simpleName(end.errorClass())
                  + (end.errorMessage() == null ? "" : ": " + end.errorMessage());
      alerts.runEnded(
          context.getJobDetail().getKey().getName(),
          end.status(),
          RunNotes.retryPending(context),
          failure,
          end.note());
    } catch (RuntimeException e) {
      log.warn("could not check {} for alerts: {}", context.getFireInstanceId(), e.toString());
    }
  }

  @Override
  public void jobExecutionVetoed(JobExecutionContext context) {}

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
