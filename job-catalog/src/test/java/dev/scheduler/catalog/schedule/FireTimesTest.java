package dev.scheduler.catalog.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fire times on the real 2026 transitions. New York: 2026-03-08 02:00 EST becomes 03:00 EDT;
 * 2026-11-01 02:00 EDT becomes 01:00 EST. Berlin: 2026-03-29 02:00 CET becomes 03:00 CEST;
 * 2026-10-25 03:00 CEST becomes 02:00 CET.
 */
class FireTimesTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Stream<Arguments> transitions() {
    return Stream.of(
        // Fixed times: a time in the gap fires when the gap ends; one in the overlap fires once.
        cases(
            "New York daily 02:30 over spring-forward",
            Schedules.parse("daily", "02:30", NEW_YORK),
            "2026-03-07T00:00:00Z",
            "2026-03-07T07:30:00Z NONE",
            "2026-03-08T07:00:00Z GAP_MOVED",
            "2026-03-09T06:30:00Z NONE"),
        cases(
            "New York cron 0 30 2 * * ? over spring-forward (stock Quartz skips the 8th)",
            Schedules.parse("cron", "0 30 2 * * ?", NEW_YORK),
            "2026-03-07T00:00:00Z",
            "2026-03-07T07:30:00Z NONE",
            "2026-03-08T07:00:00Z GAP_MOVED",
            "2026-03-09T06:30:00Z NONE"),
        cases(
            "New York daily 01:30 over fall-back",
            Schedules.parse("daily", "01:30", NEW_YORK),
            "2026-10-31T00:00:00Z",
            "2026-10-31T05:30:00Z NONE",
            "2026-11-01T05:30:00Z OVERLAP_FIRST_ONLY",
            "2026-11-02T06:30:00Z NONE"),
        cases(
            "New York two times in the gap fire once, at the gap's end",
            Schedules.parse("daily", "02:15,02:45", NEW_YORK),
            "2026-03-07T12:00:00Z",
            "2026-03-08T07:00:00Z GAP_MOVED",
            "2026-03-09T06:15:00Z NONE",
            "2026-03-09T06:45:00Z NONE"),
        cases(
            "Berlin daily 02:30 over spring-forward",
            Schedules.parse("daily", "02:30", BERLIN),
            "2026-03-28T00:00:00Z",
            "2026-03-28T01:30:00Z NONE",
            "2026-03-29T01:00:00Z GAP_MOVED",
            "2026-03-30T00:30:00Z NONE"),
        cases(
            "Berlin daily 02:30 over fall-back",
            Schedules.parse("daily", "02:30", BERLIN),
            "2026-10-24T00:00:00Z",
            "2026-10-24T00:30:00Z NONE",
            "2026-10-25T00:30:00Z OVERLAP_FIRST_ONLY",
            "2026-10-26T01:30:00Z NONE"),
        // Wall-clock intervals: every real instant that matches; both passes of the overlap.
        cases(
            "New York every 20 minutes over fall-back (stock Quartz loses the first 01:xx hour)",
            Schedules.parse("cron", "0 0/20 * * * ?", NEW_YORK),
            "2026-11-01T04:30:00Z",
            "2026-11-01T04:40:00Z NONE",
            "2026-11-01T05:00:00Z OVERLAP_FIRST",
            "2026-11-01T05:20:00Z OVERLAP_FIRST",
            "2026-11-01T05:40:00Z OVERLAP_FIRST",
            "2026-11-01T06:00:00Z OVERLAP_SECOND",
            "2026-11-01T06:20:00Z OVERLAP_SECOND",
            "2026-11-01T06:40:00Z OVERLAP_SECOND",
            "2026-11-01T07:00:00Z NONE"),
        cases(
            "New York every 20 minutes over spring-forward",
            Schedules.parse("cron", "0 0/20 * * * ?", NEW_YORK),
            "2026-03-08T06:30:00Z",
            "2026-03-08T06:40:00Z NONE",
            "2026-03-08T07:00:00Z AFTER_GAP",
            "2026-03-08T07:20:00Z NONE"),
        cases(
            "Berlin at half past every hour over fall-back",
            Schedules.parse("cron", "0 30 * * * ?", BERLIN),
            "2026-10-24T23:00:00Z",
            "2026-10-24T23:30:00Z NONE",
            "2026-10-25T00:30:00Z OVERLAP_FIRST",
            "2026-10-25T01:30:00Z OVERLAP_SECOND",
            "2026-10-25T02:30:00Z NONE"),
        cases(
            "Berlin at half past every hour over spring-forward",
            Schedules.parse("cron", "0 30 * * * ?", BERLIN),
            "2026-03-28T23:00:00Z",
            "2026-03-28T23:30:00Z NONE",
            "2026-03-29T00:30:00Z NONE",
            "2026-03-29T01:30:00Z AFTER_GAP"),
        // Weekdays and weekly across a transition: the offset changes between the fires.
        cases(
            "New York weekdays 08:00 across spring-forward",
            Schedules.parse("weekdays", "08:00", NEW_YORK),
            "2026-03-05T00:00:00Z",
            "2026-03-05T13:00:00Z NONE",
            "2026-03-06T13:00:00Z NONE",
            "2026-03-09T12:00:00Z NONE",
            "2026-03-10T12:00:00Z NONE"),
        cases(
            "Berlin weekdays 02:30 across fall-back",
            Schedules.parse("weekdays", "02:30", BERLIN),
            "2026-10-23T00:00:00Z",
            "2026-10-23T00:30:00Z NONE",
            "2026-10-26T01:30:00Z NONE"),
        cases(
            "New York weekly Sunday 02:30 over spring-forward",
            Schedules.parse("weekly", "SUN@02:30", NEW_YORK),
            "2026-03-01T00:00:00Z",
            "2026-03-01T07:30:00Z NONE",
            "2026-03-08T07:00:00Z GAP_MOVED",
            "2026-03-15T06:30:00Z NONE"),
        cases(
            "New York weekly Sunday 01:30 over fall-back",
            Schedules.parse("weekly", "SUN@01:30", NEW_YORK),
            "2026-10-25T00:00:00Z",
            "2026-10-25T05:30:00Z NONE",
            "2026-11-01T05:30:00Z OVERLAP_FIRST_ONLY",
            "2026-11-08T06:30:00Z NONE"),
        cases(
            "Berlin weekly Monday and Thursday 09:00 across spring-forward",
            Schedules.parse("weekly", "MON,THU@09:00", BERLIN),
            "2026-03-25T00:00:00Z",
            "2026-03-26T08:00:00Z NONE",
            "2026-03-30T07:00:00Z NONE",
            "2026-04-02T07:00:00Z NONE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void firesByCronsDstRules(String name, Schedule schedule, Instant from, List<String> expected) {
    List<String> actual =
        FireTimes.fires(schedule, from, expected.size()).stream()
            .map(fire -> fire.at() + " " + fire.adjustment())
            .toList();

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  private static Arguments cases(String name, Schedule schedule, String from, String... expected) {
    return Arguments.of(name, schedule, Instant.parse(from), List.of(expected));
  }

  @Test
  void notesSayWhatDstDidToEachMovedFire() {
    assertThat(note(Schedules.parse("daily", "02:30", NEW_YORK), "2026-03-08T00:00:00Z"))
        .isEqualTo("02:30 does not exist on 2026-03-08 (DST gap); fires at 03:00 EDT");
    assertThat(note(Schedules.parse("daily", "01:30", NEW_YORK), "2026-11-01T00:00:00Z"))
        .isEqualTo(
            "01:30 occurs twice on 2026-11-01 (DST overlap); fires at the first, 01:30 EDT, only");
    assertThat(note(Schedules.parse("cron", "0 0 * * * ?", NEW_YORK), "2026-11-01T05:30:00Z"))
        .isEqualTo(
            "01:00 occurs twice on 2026-11-01 (DST overlap); fires at both: this is the second,"
                + " 01:00 EST");
    assertThat(note(Schedules.parse("cron", "0 0/20 * * * ?", NEW_YORK), "2026-03-08T06:50:00Z"))
        .isEqualTo(
            "02:00 to 03:00 does not exist on 2026-03-08 (DST gap); no fires in it, the next is at"
                + " 03:00 EDT");
  }

  @Test
  void aScheduleThatEndsStopsFiring() {
    Schedule once = Schedules.parse("cron", "0 0 12 1 1 ? 2027", NEW_YORK);

    assertThat(FireTimes.next(once, Instant.parse("2026-06-01T00:00:00Z")))
        .contains(Instant.parse("2027-01-01T17:00:00Z"));
    assertThat(FireTimes.next(once, Instant.parse("2027-01-01T17:00:00Z"))).isEmpty();
  }

  private static String note(Schedule schedule, String from) {
    return FireTimes.nextFire(schedule, Instant.parse(from)).orElseThrow().note().orElseThrow();
  }
}
