package dev.scheduler.catalog.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fixed local times of day on some days of the week: {@code daily 08:00}, {@code weekdays 07:30},
 * {@code weekly MON,THU@09:00}, and several times such as {@code daily 08:00,18:30}.
 */
public final class LocalTimesSchedule implements Schedule {

  /** How the schedule was written; it decides the days and how it is shown. */
  public enum Kind {
    DAILY("daily"),
    WEEKDAYS("weekdays"),
    WEEKLY("weekly");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private final Kind kind;
  private final Set<DayOfWeek> days;
  private final List<LocalTime> times;
  private final ZoneId zone;

  private LocalTimesSchedule(Kind kind, Set<DayOfWeek> days, List<LocalTime> times, ZoneId zone) {
    if (days.isEmpty() || times.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one day and one time");
    }
    this.kind = kind;
    this.days = EnumSet.copyOf(days);
    this.times = times.stream().distinct().sorted().toList();
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public static LocalTimesSchedule daily(List<LocalTime> times, ZoneId zone) {
    return new LocalTimesSchedule(Kind.DAILY, EnumSet.allOf(DayOfWeek.class), times, zone);
  }

  public static LocalTimesSchedule weekdays(List<LocalTime> times, ZoneId zone) {
    return new LocalTimesSchedule(Kind.WEEKDAYS, WEEKDAYS, times, zone);
  }

  public static LocalTimesSchedule weekly(Set<DayOfWeek> days, List<LocalTime> times, ZoneId zone) {
    return new LocalTimesSchedule(Kind.WEEKLY, days, times, zone);
  }

  public Kind kind() {
    return kind;
  }

  public Set<DayOfWeek> days() {
    return EnumSet.copyOf(days);
  }

  public List<LocalTime> times() {
    return times;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public boolean fixedTime() {
    return true;
  }

  @Override
  public Optional<LocalDateTime> nextLocal(LocalDateTime local) {
    LocalDate date = local.toLocalDate();
    for (int day = 0; day <= 7; day++) {
      LocalDate candidate = date.plusDays(day);
      if (!days.contains(candidate.getDayOfWeek())) {
        continue;
      }
      for (LocalTime time : times) {
        LocalDateTime at = candidate.atTime(time);
        if (at.isAfter(local)) {
          return Optional.of(at);
        }
      }
    }
    throw new IllegalStateException("no day of the week matched " + this);
  }

  @Override
  public String spec() {
    return kind.word() + " " + body();
  }

  /** The part after the kind: {@code 08:00,18:30} or {@code MON,THU@09:00}. */
  public String body() {
    String clock = times.stream().map(Schedules::formatTime).collect(Collectors.joining(","));
    if (kind != Kind.WEEKLY) {
      return clock;
    }
    List<String> dayNames = new ArrayList<>();
    for (DayOfWeek day : days) {
      dayNames.add(day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT));
    }
    return String.join(",", dayNames) + "@" + clock;
  }

  @Override
  public String describe() {
    String clock = times.stream().map(Schedules::formatTime).collect(Collectors.joining(", "));
    String when =
        switch (kind) {
          case DAILY -> "daily at " + clock;
          case WEEKDAYS -> "weekdays at " + clock;
          case WEEKLY -> "weekly on " + body().substring(0, body().indexOf('@')) + " at " + clock;
        };
    return when + " in " + zone.getId();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LocalTimesSchedule schedule
        && schedule.kind == kind
        && schedule.days.equals(days)
        && schedule.times.equals(times)
        && schedule.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, days, times, zone);
  }

  @Override
  public String toString() {
    return describe();
  }
}
