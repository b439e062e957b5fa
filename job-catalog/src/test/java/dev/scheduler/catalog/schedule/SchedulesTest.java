package dev.scheduler.catalog.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SchedulesTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @Test
  void readsEachKindAndWritesItBackAsASpec() {
    assertThat(Schedules.parse("daily", "8:00, 18:30", ZONE).spec()).isEqualTo("daily 08:00,18:30");
    assertThat(Schedules.parse("weekdays", "07:30", ZONE).spec()).isEqualTo("weekdays 07:30");
    assertThat(Schedules.parse("weekly", "thu,Monday@09:00", ZONE).spec())
        .isEqualTo("weekly MON,THU@09:00");
    assertThat(Schedules.parse("cron", "0 0 1 * * ?", ZONE).spec()).isEqualTo("cron 0 0 1 * * ?");
    for (String spec :
        new String[] {"daily 08:00,18:30", "weekly MON,THU@09:00", "cron 0 0/5 * * * ?"}) {
      assertThat(Schedules.fromSpec(spec, ZONE).spec()).isEqualTo(spec);
    }
  }

  @Test
  void describesEachKindForPeople() {
    assertThat(Schedules.parse("daily", "08:00,18:30", ZONE).describe())
        .isEqualTo("daily at 08:00, 18:30 in Europe/Berlin");
    assertThat(Schedules.parse("weekly", "MON,THU@09:00", ZONE).describe())
        .isEqualTo("weekly on MON,THU at 09:00 in Europe/Berlin");
  }

  @Test
  void classifiesCronAsFixedTimeOnlyWhenHoursAndMinutesAreValuesOrLists() {
    assertThat(Schedules.parse("cron", "0 30 2 * * ?", ZONE).fixedTime()).isTrue();
    assertThat(Schedules.parse("cron", "0 0,30 8,18 ? * MON-FRI", ZONE).fixedTime()).isTrue();
    assertThat(Schedules.parse("cron", "0 0/20 * * * ?", ZONE).fixedTime()).isFalse();
    assertThat(Schedules.parse("cron", "0 30 * * * ?", ZONE).fixedTime()).isFalse();
    assertThat(Schedules.parse("cron", "0 0 9-17 * * ?", ZONE).fixedTime()).isFalse();
  }

  @Test
  void explainsWhatIsWrongPrecisely() {
    assertThatThrownBy(() -> Schedules.parse("daily", "25:00", ZONE))
        .hasMessage(
            "'25:00' is not a time of day; write HH:MM from 00:00 to 23:59, e.g. 08:30 (several:"
                + " 08:00,18:30)");
    assertThatThrownBy(() -> Schedules.parse("weekly", "MON 09:00", ZONE))
        .hasMessage("'MON 09:00' is not DAY@HH:MM; write e.g. MON@09:00 or MON,THU@09:00");
    assertThatThrownBy(() -> Schedules.parse("weekly", "MOM@09:00", ZONE))
        .hasMessage(
            "'MOM' is not a day of the week (did you mean MON?); use MON, TUE, WED, THU, FRI, SAT,"
                + " SUN");
    assertThatThrownBy(() -> Schedules.parse("cron", "0 0 0 30 2 ?", ZONE))
        .hasMessage(
            "cron '0 0 0 30 2 ?' never fires: no date matches it (an impossible date such as"
                + " February 30, or only past years)");
    assertThatThrownBy(() -> Schedules.parse("dayly", "x", ZONE))
        .hasMessage(
            "unknown kind of schedule 'dayly' (did you mean daily?); use one of cron, daily,"
                + " weekdays, weekly");
  }
}
