package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void dailyCoversTheDayBeforeInTheZoneIncludingA23HourDstDay() {
    // 2026-03-29 is the spring-forward day in Berlin: 23 hours long.
    ReportPeriod period =
        ReportPeriod.before("daily", Instant.parse("2026-03-29T22:30:00Z"), BERLIN);
    assertThat(period.start()).isEqualTo(LocalDate.of(2026, 3, 29));
    assertThat(period.from()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(period.until()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(Duration.between(period.from(), period.until())).isEqualTo(Duration.ofHours(23));
  }

  @Test
  void theZoneDecidesWhichDayTheScheduledInstantFallsOn() {
    Instant lateEvening = Instant.parse("2026-11-24T23:30:00Z");
    assertThat(ReportPeriod.before("daily", lateEvening, ZoneOffset.UTC).start())
        .isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(ReportPeriod.before("daily", lateEvening, BERLIN).start())
        .isEqualTo(LocalDate.of(2026, 11, 24));
  }

  @Test
  void weeklyCoversThePreviousIsoWeekMondayToMonday() {
    // Monday 2026-11-23 00:10: the week before started Monday 2026-11-16.
    ReportPeriod period =
        ReportPeriod.before("weekly", Instant.parse("2026-11-23T00:10:00Z"), ZoneOffset.UTC);
    assertThat(period.start()).isEqualTo(LocalDate.of(2026, 11, 16));
    assertThat(period.end()).isEqualTo(LocalDate.of(2026, 11, 23));
    // Sunday late: still the week before the current one, across a year boundary.
    ReportPeriod sunday =
        ReportPeriod.before("weekly", Instant.parse("2027-01-03T23:59:00Z"), ZoneOffset.UTC);
    assertThat(sunday.start()).isEqualTo(LocalDate.of(2026, 12, 21));
    assertThat(sunday.end()).isEqualTo(LocalDate.of(2026, 12, 28));
  }

  @Test
  void monthlyCoversThePreviousCalendarMonth() {
    ReportPeriod march =
        ReportPeriod.before("monthly", Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    assertThat(march.start()).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(march.end()).isEqualTo(LocalDate.of(2026, 3, 1));
    ReportPeriod january =
        ReportPeriod.before("monthly", Instant.parse("2027-01-31T12:00:00Z"), ZoneOffset.UTC);
    assertThat(january.start()).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(january.end()).isEqualTo(LocalDate.of(2027, 1, 1));
  }
}
