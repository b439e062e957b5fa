package dev.scheduler.catalog.quartz;

import dev.scheduler.catalog.schedule.Schedule;
import org.quartz.ScheduleBuilder;
import org.quartz.spi.MutableTrigger;

/** Builds a {@link LocalTimeTrigger} for Quartz's {@code TriggerBuilder}. */
public final class LocalTimeScheduleBuilder extends ScheduleBuilder<LocalTimeTrigger> {

  private final Schedule schedule;

  public LocalTimeScheduleBuilder(Schedule schedule) {
    this.schedule = schedule;
  }

  @Override
  protected MutableTrigger build() {
    return new LocalTimeTrigger(schedule);
  }
}
