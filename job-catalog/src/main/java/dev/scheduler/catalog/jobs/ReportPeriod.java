package dev.scheduler.catalog.jobs;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The calendar period a report covers: the day, ISO week or month before the run's scheduled
 * instant, in a zone. Derived from the scheduled instant so a late or retried run reports the same
 * period.
 *
 * @param kind daily, weekly or monthly
 * @param start the first day, inclusive
 * @param end the day after the last, exclusive
 */
public record ReportPeriod(String kind, LocalDate start, LocalDate end, ZoneId zone) {

  public static ReportPeriod before(String kind, Instant scheduledAt, ZoneId zone) {
    LocalDate today = scheduledAt.atZone(zone).toLocalDate();
    return switch (kind) {
      case "daily" -> new ReportPeriod(kind, today.minusDays(1), today, zone);
      case "weekly" -> {
        LocalDate thisWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new ReportPeriod(kind, thisWeek.minusWeeks(1), thisWeek, zone);
      }
      case "monthly" -> {
        LocalDate thisMonth = today.withDayOfMonth(1);
        yield new ReportPeriod(kind, thisMonth.minusMonths(1), thisMonth, zone);
      }
      default -> throw new IllegalArgumentException("unknown report period '" + kind + "'");
    };
  }

  /** The first instant of the period (a zone's start of day, which DST may shift). */
  public Instant from() {
    return start.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the period. */
  public Instant until() {
    return end.atStartOfDay(zone).toInstant();
  }
}
