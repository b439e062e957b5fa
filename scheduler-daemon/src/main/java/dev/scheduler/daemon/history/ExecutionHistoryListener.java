package dev.scheduler.daemon.history;

import dev.scheduler.catalog.quartz.FireFacts;
import java.time.Clock;
import java.time.Instant;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every execution through a {@link RunRecorder}: a RUNNING row before the job runs, the
 * outcome after, each durable (or bound to the firing's own transaction) before Quartz marks the
 * firing done.
 *
 * <p>It never throws: an exception escaping a Quartz job listener stops Quartz from completing the
 * firing, which would leave the trigger stuck.
 */
public final class ExecutionHistoryListener implements JobListener {

  private static final Logger log = LoggerFactory.getLogger(ExecutionHistoryListener.class);
  private static final String START_KEY = ExecutionHistoryListener.class.getName() + ".start";

  private final RunRecorder recorder;
  private final String nodeId;
  private final Clock clock;

  public ExecutionHistoryListener(RunRecorder recorder, String nodeId, Clock clock) {
    this.recorder = recorder;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "execution-history";
  }

  @Override
  public void jobToBeExecuted(JobExecutionContext context) {
    try {
      ExecutionStart start = start(context, clock.instant());
      context.put(START_KEY, start);
      recorder.started(start);
    } catch (Throwable e) {
      log.error(
          "could not record the start of {}; the job runs anyway", context.getFireInstanceId(), e);
    }
  }

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
    try {
      Instant finishedAt = RunNotes.endedAt(context, clock);
      ExecutionStart start =
          context.get(START_KEY) instanceof ExecutionStart known
              ? known
              : start(context, finishedAt);
      ExecutionEnd end = Outcomes.of(context, error, finishedAt);
      recorder.finished(start, end);
      if (end.status() == ExecutionStatus.FAILED) {
        log.warn(
            "job {} failed (run {}): {}: {}",
            start.job(),
            start.runKey(),
            end.errorClass(),
            end.errorMessage());
      }
    } catch (Throwable e) {
      log.error("could not record the end of {}", context.getFireInstanceId(), e);
    }
  }

  @Override
  public void jobExecutionVetoed(JobExecutionContext context) {}

  private ExecutionStart start(JobExecutionContext context, Instant startedAt) {
    return ExecutionStart.of(FireFacts.of(context), nodeId, startedAt);
  }
}
