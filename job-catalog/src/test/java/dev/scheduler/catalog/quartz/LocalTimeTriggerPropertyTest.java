package dev.scheduler.catalog.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.catalog.schedule.Schedules;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * For many zones and years, the trigger's fire times around every DST transition equal a
 * straightforward java.time computation of the same rules, written independently: per local date
 * for fixed times, and by testing every real second for wall-clock intervals.
 */
class LocalTimeTriggerPropertyTest {

  /** Zones with unusual rules, always included: half-hour DST, two-hour DST, negative DST... */
  private static final List<String> NOTABLE =
      List.of(
          "America/New_York",
          "Europe/Berlin",
          "Australia/Lord_Howe",
          "Antarctica/Troll",
          "Europe/Dublin",
          "Africa/Casablanca",
          "Pacific/Apia",
          "America/Santiago",
          "America/St_Johns",
          "Asia/Tehran");

  private static final long SEED = 20261125L;
  private static final int RANDOM_ZONES = 30;
  private static final int YEARS_PER_ZONE = 3;

  @Test
  void fixedTimesMatchAPerDateComputation() {
    for (Case c : cases()) {
      LocalTime time = c.random().nextBoolean() ? LocalTime.of(2, 30) : LocalTime.of(1, 30);
      Schedule daily = Schedules.parse("daily", Schedules.formatTime(time), c.zone());
      assertSameFires(c, daily, referenceFixed(c, time, day -> true));

      Schedule weekdays = Schedules.parse("weekdays", Schedules.formatTime(time), c.zone());
      assertSameFires(
          c,
          weekdays,
          referenceFixed(c, time, day -> day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY));
    }
  }

  @Test
  void wallClockIntervalsMatchATestOfEveryRealSecond() {
    for (Case c : cases()) {
      Schedule quarterHours = Schedules.parse("cron", "0 0/15 * * * ?", c.zone());
      assertSameFires(
          c,
          quarterHours,
          referenceInterval(c, local -> local.getSecond() == 0 && local.getMinute() % 15 == 0));

      Schedule halfPast = Schedules.parse("cron", "0 30 * * * ?", c.zone());
      assertSameFires(
          c,
          halfPast,
          referenceInterval(c, local -> local.getSecond() == 0 && local.getMinute() == 30));
    }
  }

  private static void assertSameFires(Case c, Schedule schedule, List<Instant> expected) {
    assertThat(triggerFires(schedule, c.from(), c.until()))
        .as(
            "%s around %s (%s)",
            schedule.describe(), c.transition(), c.transition().isGap() ? "gap" : "overlap")
        .containsExactlyElementsOf(expected);
  }

  /** The trigger's fires in (from, until], by computeFirstFireTime and then triggered(). */
  private static List<Instant> triggerFires(Schedule schedule, Instant from, Instant until) {
    LocalTimeTrigger trigger = new LocalTimeTrigger(schedule);
    trigger.setStartTime(Date.from(from.plusMillis(1)));
    List<Instant> fires = new ArrayList<>();
    Date next = trigger.computeFirstFireTime(null);
    while (next != null && !next.toInstant().isAfter(until)) {
      fires.add(next.toInstant());
      trigger.triggered(null);
      next = trigger.getNextFireTime();
    }
    return fires;
  }

  /**
   * Per local date: a time with one offset fires then; a time in a gap fires at the transition; a
   * time in an overlap fires at the earlier of its two instants. Duplicates collapse.
   */
  private static List<Instant> referenceFixed(Case c, LocalTime time, Predicate<DayOfWeek> days) {
    ZoneRules rules = c.zone().getRules();
    Set<Instant> fires = new TreeSet<>();
    LocalDate first = LocalDateTime.ofInstant(c.from(), ZoneOffset.UTC).toLocalDate().minusDays(2);
    LocalDate last = LocalDateTime.ofInstant(c.until(), ZoneOffset.UTC).toLocalDate().plusDays(2);
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      if (!days.test(date.getDayOfWeek())) {
        continue;
      }
      LocalDateTime local = date.atTime(time);
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      Instant fire;
      if (offsets.isEmpty()) {
        fire = rules.getTransition(local).getInstant();
      } else {
        fire = offsets.stream().map(local::toInstant).min(Instant::compareTo).orElseThrow();
      }
      if (fire.isAfter(c.from()) && !fire.isAfter(c.until())) {
        fires.add(fire);
      }
    }
    return List.copyOf(fires);
  }

  /** Every whole second in the window whose local time matches. */
  private static List<Instant> referenceInterval(Case c, Predicate<LocalDateTime> matches) {
    ZoneRules rules = c.zone().getRules();
    List<Instant> fires = new ArrayList<>();
    for (Instant at = c.from().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        !at.isAfter(c.until());
        at = at.plusSeconds(1)) {
      if (matches.test(LocalDateTime.ofInstant(at, rules.getOffset(at)))) {
        fires.add(at);
      }
    }
    return fires;
  }

  /** A window of a day and a half on each side of one transition of one zone. */
  private record Case(ZoneId zone, ZoneOffsetTransition transition, Random random) {
    Instant from() {
      return transition.getInstant().minus(36, ChronoUnit.HOURS);
    }

    Instant until() {
      return transition.getInstant().plus(36, ChronoUnit.HOURS);
    }
  }

  private static List<Case> cases() {
    Random random = new Random(SEED);
    List<String> zones = new ArrayList<>(NOTABLE);
    List<String> all = new ArrayList<>(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    for (int i = 0; i < RANDOM_ZONES; i++) {
      zones.add(all.get(random.nextInt(all.size())));
    }
    List<Case> cases = new ArrayList<>();
    for (String id : zones) {
      ZoneId zone = ZoneId.of(id);
      for (int i = 0; i < YEARS_PER_ZONE; i++) {
        int year = 1970 + random.nextInt(68);
        Instant start = LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        ZoneOffsetTransition transition = zone.getRules().nextTransition(start);
        while (transition != null && transition.getInstant().isBefore(end)) {
          cases.add(new Case(zone, transition, new Random(random.nextLong())));
          transition = zone.getRules().nextTransition(transition.getInstant());
        }
      }
    }
    assertThat(cases).as("transitions to test").hasSizeGreaterThan(50);
    return cases;
  }
}
