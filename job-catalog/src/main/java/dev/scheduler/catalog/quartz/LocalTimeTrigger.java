package dev.scheduler.catalog.quartz;

import dev.scheduler.catalog.schedule.FireTimes;
import dev.scheduler.catalog.schedule.Schedule;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.quartz.Calendar;
import org.quartz.ScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.impl.triggers.AbstractTrigger;

/**
 * The scheduler's own Quartz trigger: fires a {@link Schedule} by the DST rules of {@link
 * FireTimes}. Stock {@code CronTrigger} drops a 02:30 job on the spring-forward day and a whole
 * hour of an interval job on the fall-back day; this trigger does neither. The job store persists
 * it (schedule spec and zone) through its own persistence delegate.
 *
 * <p>Misfires are not handled here: the job store applies the job's catch-up policy, which needs
 * the history. {@link #updateAfterMisfire} only skips to the next fire after now.
 */
public final class LocalTimeTrigger extends AbstractTrigger<LocalTimeTrigger> {

  private static final long serialVersionUID = 1L;

  private Schedule schedule;
  private Date startTime = new Date();
  private Date endTime;
  private Date nextFireTime;
  private Date previousFireTime;

  public LocalTimeTrigger() {}

  public LocalTimeTrigger(Schedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  public Schedule schedule() {
    return schedule;
  }

  public void setSchedule(Schedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  @Override
  public void triggered(Calendar calendar) {
    previousFireTime = nextFireTime;
    nextFireTime = included(getFireTimeAfter(nextFireTime), calendar);
  }

  @Override
  public Date computeFirstFireTime(Calendar calendar) {
    nextFireTime = included(getFireTimeAfter(new Date(startTime.getTime() - 1)), calendar);
    return nextFireTime;
  }

  /** Skips to the first fire after now; the job store applies the real catch-up policy. */
  @Override
  public void updateAfterMisfire(Calendar calendar) {
    nextFireTime = included(getFireTimeAfter(new Date()), calendar);
  }

  @Override
  public void updateWithNewCalendar(Calendar calendar, long misfireThreshold) {
    nextFireTime = included(getFireTimeAfter(previousFireTime), calendar);
  }

  @Override
  public Date getFireTimeAfter(Date afterTime) {
    Instant after = afterTime == null ? Instant.now() : afterTime.toInstant();
    if (after.isBefore(startTime.toInstant())) {
      after = startTime.toInstant().minusMillis(1);
    }
    Date next = FireTimes.next(schedule, after).map(Date::from).orElse(null);
    if (next != null && endTime != null && next.after(endTime)) {
      return null;
    }
    return next;
  }

  @Override
  public boolean mayFireAgain() {
    return nextFireTime != null;
  }

  @Override
  public Date getFinalFireTime() {
    return null;
  }

  @Override
  protected boolean validateMisfireInstruction(int instruction) {
    return instruction == Trigger.MISFIRE_INSTRUCTION_SMART_POLICY
        || instruction == Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY;
  }

  @Override
  public ScheduleBuilder<LocalTimeTrigger> getScheduleBuilder() {
    return new LocalTimeScheduleBuilder(schedule);
  }

  @Override
  public Date getStartTime() {
    return startTime;
  }

  @Override
  public void setStartTime(Date startTime) {
    this.startTime = Objects.requireNonNull(startTime, "startTime");
  }

  @Override
  public Date getEndTime() {
    return endTime;
  }

  @Override
  public void setEndTime(Date endTime) {
    this.endTime = endTime;
  }

  @Override
  public Date getNextFireTime() {
    return nextFireTime;
  }

  @Override
  public void setNextFireTime(Date nextFireTime) {
    this.nextFireTime = nextFireTime;
  }

  @Override
  public Date getPreviousFireTime() {
    return previousFireTime;
  }

  @Override
  public void setPreviousFireTime(Date previousFireTime) {
    this.previousFireTime = previousFireTime;
  }

  private Date included(Date candidate, Calendar calendar) {
    Date fire = candidate;
    while (fire != null && calendar != null && !calendar.isTimeIncluded(fire.getTime())) {
      fire = getFireTimeAfter(fire);
    }
    return fire;
  }
}
