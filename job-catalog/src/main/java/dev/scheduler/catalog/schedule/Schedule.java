package dev.scheduler.catalog.schedule;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a job fires: a rule that names local date-times, read in one time zone.
 *
 * <p>The rule itself knows nothing of daylight saving; {@link FireTimes} maps the local date-times
 * it names to instants by the DST rules, the same way for every kind of schedule.
 */
public sealed interface Schedule permits CronSchedule, LocalTimesSchedule {

  ZoneId zone();

  /**
   * Whether this is a fixed-time schedule (its hours and minutes are single values or lists): it
   * fires once per local date-time it names, even when DST skips or repeats that time. A schedule
   * that steps or ranges over hours or minutes is a wall-clock interval: it fires at every real
   * instant whose local time matches.
   */
  boolean fixedTime();

  /** The first local date-time this rule names strictly after {@code local}, if any. */
  Optional<LocalDateTime> nextLocal(LocalDateTime local);

  /** The rule as it is stored and parsed back: {@code daily 08:00}, {@code cron 0 0 1 * * ?}. */
  String spec();

  /** The schedule for people, e.g. {@code daily at 08:00 in Europe/Berlin}. */
  String describe();
}
