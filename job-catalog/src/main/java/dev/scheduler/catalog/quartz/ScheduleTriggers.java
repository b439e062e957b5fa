package dev.scheduler.catalog.quartz;

import dev.scheduler.catalog.schedule.Schedule;
import java.util.Optional;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

/** Turns a {@link Schedule} into the Quartz trigger that fires it, and reads it back. */
public final class ScheduleTriggers {

  private ScheduleTriggers() {}

  public static OperableTrigger forSchedule(Schedule schedule, TriggerKey key, JobKey job) {
    return (OperableTrigger)
        TriggerBuilder.newTrigger()
            .withIdentity(key)
            .forJob(job)
            .withSchedule(new LocalTimeScheduleBuilder(schedule))
            .build();
  }

  /** The schedule a trigger fires, or empty for one-shot triggers (manual runs, retries). */
  public static Optional<Schedule> scheduleOf(Trigger trigger) {
    return trigger instanceof LocalTimeTrigger local
        ? Optional.of(local.schedule())
        : Optional.empty();
  }
}
