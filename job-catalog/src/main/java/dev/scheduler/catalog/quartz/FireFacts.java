package dev.scheduler.catalog.quartz;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * The facts of one fire that the job, the history and the logs all use, read from Quartz's
 * execution context in this one place.
 *
 * @param job the job fired
 * @param trigger the trigger that fired it
 * @param fireInstanceId Quartz's id of this firing, unique in the cluster
 * @param scheduledAt the instant this fire was scheduled for; a recovery re-run, a catch-up run and
 *     a retry keep the original fire's instant, so that all have one run key
 * @param runKey the job and the scheduled fire instant, e.g. {@code
 *     nightly-report@2026-03-08T07:00:00Z} (see {@link RunKeys})
 * @param attempt 1, or the retry's attempt number
 * @param manual whether an operator asked for this run
 * @param recovery whether this is a re-run of a fire whose node died (or a shutdown interrupted)
 * @param recoveredTrigger for a recovery, the name of the trigger whose run it replaces
 */
public record FireFacts(
    JobKey job,
    TriggerKey trigger,
    String fireInstanceId,
    Instant scheduledAt,
    String runKey,
    int attempt,
    boolean manual,
    boolean recovery,
    String recoveredTrigger) {

  /**
   * The facts of the fire a context runs. The job and four listeners ask for them on every run, so
   * they are worked out once and kept in the context, which lives exactly as long as the run.
   */
  public static FireFacts of(JobExecutionContext context) {
    if (context.get(FireFacts.class) instanceof FireFacts known) {
      return known;
    }
    FireFacts facts =
        of(
            context.getJobDetail(),
            context.getTrigger(),
            context.getFireInstanceId(),
            context.getScheduledFireTime(),
            context.isRecovering());
    context.put(FireFacts.class, facts);
    return facts;
  }

  /**
   * The facts of a fire from its parts, before any job runs: for the job store, which records the
   * start of a whole batch in the transaction that fires it.
   */
  public static FireFacts of(
      JobDetail job,
      Trigger trigger,
      String fireInstanceId,
      Date scheduledFireTime,
      boolean recovery) {
    JobDataMap data = new JobDataMap();
    data.putAll(job.getJobDataMap());
    data.putAll(trigger.getJobDataMap());
    Instant scheduledAt = scheduledFireTime.toInstant();
    String original =
        data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
    String replayed = data.getString(JobDataKeys.SCHEDULED_AT);
    if (recovery && original != null) {
      scheduledAt = Instant.ofEpochMilli(Long.parseLong(original));
    } else if (replayed != null) {
      scheduledAt = Instant.ofEpochMilli(Long.parseLong(replayed));
    }
    return new FireFacts(
        job.getKey(),
        trigger.getKey(),
        fireInstanceId,
        scheduledAt,
        RunKeys.of(job.getKey().getName(), scheduledAt),
        attempt(data),
        "true".equals(data.getString(JobDataKeys.MANUAL)),
        recovery,
        recovery ? data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_NAME) : null);
  }

  private static int attempt(JobDataMap data) {
    String attempt = data.getString(JobDataKeys.ATTEMPT);
    return attempt == null ? 1 : Integer.parseInt(attempt);
  }

  /**
   * The user-visible job data of a fire: the job's data overlaid by the trigger's, without the
   * scheduler's own entries and Quartz's recovery bookkeeping.
   */
  public static Map<String, String> userData(JobExecutionContext context) {
    Map<String, String> data = new TreeMap<>();
    for (Map.Entry<String, Object> entry : context.getMergedJobDataMap().entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(JobDataKeys.PREFIX) && !key.startsWith("QRTZ_")) {
        data.put(key, String.valueOf(entry.getValue()));
      }
    }
    return data;
  }
}
