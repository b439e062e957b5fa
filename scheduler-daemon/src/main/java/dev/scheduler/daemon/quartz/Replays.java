package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.quartz.JobDataKeys;
import java.time.Instant;
import java.util.Date;
import org.quartz.JobDataMap;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

/**
 * One-shot triggers that run a fire again later: a catch-up of a missed fire, or a retry of a
 * failed run. They keep the fire's scheduled instant (so its run key) and the original trigger's
 * job data (a per-user schedule's user id), are stored in the job store like any trigger, so they
 * survive the loss of the node that made them, and never count as misfired themselves.
 */
final class Replays {

  private Replays() {}

  /** Runs a missed fire at {@code at}. */
  static OperableTrigger catchUp(OperableTrigger original, Instant fire, Instant at) {
    TriggerKey key =
        new TriggerKey(
            "catchup-" + fire.toEpochMilli() + "-" + original.getKey().getName(),
            TriggerGroups.CATCH_UP);
    return build(original, key, fire, at, null);
  }

  /** Makes attempt {@code attempt} of a failed run at {@code at}. */
  static OperableTrigger retry(
      OperableTrigger original, String fireInstanceId, Instant fire, int attempt, Instant at) {
    return build(original, retryKey(attempt, fireInstanceId), fire, at, attempt);
  }

  /** The trigger of attempt {@code attempt} after the failed run {@code fireInstanceId}. */
  static TriggerKey retryKey(int attempt, String fireInstanceId) {
    return new TriggerKey("retry-" + attempt + "-" + fireInstanceId, TriggerGroups.RETRY);
  }

  private static OperableTrigger build(
      OperableTrigger original, TriggerKey key, Instant fire, Instant at, Integer attempt) {
    JobDataMap data = new JobDataMap();
    data.putAll(original.getJobDataMap());
    data.put(JobDataKeys.SCHEDULED_AT, String.valueOf(fire.toEpochMilli()));
    if (attempt != null) {
      data.put(JobDataKeys.ATTEMPT, String.valueOf(attempt));
    }
    OperableTrigger trigger =
        (OperableTrigger)
            TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(original.getJobKey())
                .usingJobData(data)
                .startAt(Date.from(at))
                .withSchedule(
                    SimpleScheduleBuilder.simpleSchedule()
                        .withMisfireHandlingInstructionIgnoreMisfires())
                .build();
    trigger.computeFirstFireTime(null);
    return trigger;
  }
}
