package dev.scheduler.bench;

import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;

/**
 * The stock-Quartz side's job: notes when it ran, for the benchmark to read back, and sleeps when
 * its job data says so. Nothing else: stock Quartz is measured at its best, without a history.
 */
public final class RecordingJob implements Job {

  static final ConcurrentLinkedQueue<Execution> RUNS = new ConcurrentLinkedQueue<>();
  static volatile String nodeId = "?";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    Instant started = Instant.now();
    JobDataMap data = context.getMergedJobDataMap();
    String tag = data.getString("bench.tag");
    if (tag == null) {
      tag =
          context.isRecovering()
              ? data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_NAME)
              : context.getTrigger().getKey().getName();
    }
    String sleep = data.getString("bench.sleepMillis");
    if (sleep != null) {
      RUNS.add(new Execution(tag, started, null, nodeId, context.isRecovering()));
      try {
        Thread.sleep(Long.parseLong(sleep));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    RUNS.add(new Execution(tag, started, Instant.now(), nodeId, context.isRecovering()));
  }
}
