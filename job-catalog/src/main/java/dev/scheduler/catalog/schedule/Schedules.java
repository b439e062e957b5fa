package dev.scheduler.catalog.schedule;

import dev.scheduler.catalog.text.Suggestions;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads schedules as users write them, in the configuration ({@code daily: "08:00"}), on the
 * command line ({@code --weekly MON@09:00}) and in stored specs ({@code weekly MON@09:00}).
 */
public final class Schedules {

  /** The kinds of schedule, as words. */
  public static final List<String> KINDS = List.of("cron", "daily", "weekdays", "weekly");

  private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-3]):([0-5][0-9])");
  private static final String TIME_FORM =
      "write HH:MM from 00:00 to 23:59, e.g. 08:30 (several: 08:00,18:30)";
  private static final List<String> DAY_NAMES =
      List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  private Schedules() {}

  /**
   * A schedule of one kind.
   *
   * @param kind {@code cron}, {@code daily}, {@code weekdays} or {@code weekly}
   * @param text the rule: a cron expression, {@code HH:MM[,HH:MM...]}, or {@code
   *     DAY[,DAY...]@HH:MM[,HH:MM...]} for weekly
   * @throws IllegalArgumentException saying precisely what is wrong
   */
  public static Schedule parse(String kind, String text, ZoneId zone) {
    return switch (kind) {
      case "cron" -> new CronSchedule(text, zone);
      case "daily" -> LocalTimesSchedule.daily(times(text), zone);
      case "weekdays" -> LocalTimesSchedule.weekdays(times(text), zone);
      case "weekly" -> weekly(text, zone);
      default ->
          throw new IllegalArgumentException(
              "unknown kind of schedule '"
                  + kind
                  + "'"
                  + Suggestions.didYouMean(kind, KINDS)
                  + "; use one of "
                  + String.join(", ", KINDS));
    };
  }

  /** A stored spec, {@code KIND RULE}, as {@link Schedule#spec()} writes it. */
  public static Schedule fromSpec(String spec, ZoneId zone) {
    int space = spec.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("'" + spec + "' is not a schedule spec (KIND RULE)");
    }
    return parse(spec.substring(0, space), spec.substring(space + 1), zone);
  }

  /** {@code 08:00} or {@code 08:00,18:30}. */
  public static List<LocalTime> times(String text) {
    List<LocalTime> times = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      Matcher matcher = TIME.matcher(part.trim());
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "'" + part.trim() + "' is not a time of day; " + TIME_FORM);
      }
      times.add(
          LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
    }
    return times;
  }

  public static String formatTime(LocalTime time) {
    return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
  }

  private static LocalTimesSchedule weekly(String text, ZoneId zone) {
    int at = text.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not DAY@HH:MM; write e.g. MON@09:00 or MON,THU@09:00");
    }
    return LocalTimesSchedule.weekly(
        days(text.substring(0, at)), times(text.substring(at + 1)), zone);
  }

  private static Set<DayOfWeek> days(String text) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : text.split(",", -1)) {
      days.add(day(part.trim()));
    }
    return days;
  }

  private static DayOfWeek day(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (upper.equals(day.name())
          || upper.equals(
              day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT))) {
        return day;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not a day of the week"
            + Suggestions.didYouMean(upper, DAY_NAMES)
            + "; use "
            + String.join(", ", DAY_NAMES));
  }
}
