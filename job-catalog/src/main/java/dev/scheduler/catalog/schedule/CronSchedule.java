package dev.scheduler.catalog.schedule;

import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A Quartz cron expression (second minute hour day-of-month month day-of-week [year]) read in a
 * time zone.
 *
 * <p>Quartz's parser decides which local date-times match, evaluated in UTC, where no DST exists,
 * so it serves purely as a calendar; {@link FireTimes} applies the zone's DST rules.
 */
public final class CronSchedule implements Schedule {

  static final String FIELDS =
      "Quartz cron has 6 or 7 fields: second minute hour day-of-month month day-of-week [year],"
          + " e.g. \"0 30 2 * * ?\"";

  private static final TimeZone CALENDAR = TimeZone.getTimeZone(ZoneOffset.UTC);

  private final String expression;
  private final ZoneId zone;
  private final CronExpression calendar;
  private final boolean fixedTime;

  public CronSchedule(String expression, ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.expression = validate(expression);
    this.calendar = parse(this.expression);
    this.fixedTime = isFixedTime(this.expression);
  }

  /**
   * Validates a cron expression with Quartz's parser, so that the parser's own explanation reaches
   * the user, and rejects one that never fires.
   *
   * @return the expression, trimmed
   * @throws IllegalArgumentException naming the expression and what is wrong with it
   */
  public static String validate(String expression) {
    String trimmed = Objects.requireNonNull(expression, "expression").trim();
    try {
      CronExpression.validateExpression(trimmed);
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "'" + expression + "' is not a valid cron expression: " + e.getMessage() + "; " + FIELDS,
          e);
    }
    if (parse(trimmed).getNextValidTimeAfter(new Date(0)) == null) {
      throw new IllegalArgumentException(
          "cron '"
              + trimmed
              + "' never fires: no date matches it (an impossible date such as February 30, or"
              + " only past years)");
    }
    return trimmed;
  }

  public String expression() {
    return expression;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public boolean fixedTime() {
    return fixedTime;
  }

  @Override
  public Optional<LocalDateTime> nextLocal(LocalDateTime local) {
    // Date has millisecond precision; truncating keeps "strictly after" for sub-second inputs.
    Date after = Date.from(local.toInstant(ZoneOffset.UTC));
    Date next = calendar.getNextValidTimeAfter(after);
    return Optional.ofNullable(next)
        .map(date -> LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC));
  }

  @Override
  public String spec() {
    return "cron " + expression;
  }

  @Override
  public String describe() {
    return "cron \"" + expression + "\" in " + zone.getId();
  }

  /** Hours and minutes given as single values or lists, without wildcards, steps or ranges. */
  static boolean isFixedTime(String expression) {
    String[] fields = expression.trim().split("\\s+");
    return fields[1].matches("[0-9]+(,[0-9]+)*") && fields[2].matches("[0-9]+(,[0-9]+)*");
  }

  private static CronExpression parse(String expression) {
    try {
      CronExpression parsed = new CronExpression(expression);
      parsed.setTimeZone(CALENDAR);
      return parsed;
    } catch (ParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronSchedule cron
        && cron.expression.equals(expression)
        && cron.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(expression, zone);
  }

  @Override
  public String toString() {
    return describe();
  }
}
