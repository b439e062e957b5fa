package dev.scheduler.catalog.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  @Test
  void passesQuartzsOwnExplanationToTheUser() {
    assertThatThrownBy(() -> new CronSchedule("0 61 * * * ?", ZoneId.of("UTC")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'0 61 * * * ?' is not a valid cron expression: ")
        .hasMessageContaining("Minute and Second values must be between 0 and 59")
        .hasMessageEndingWith(
            "Quartz cron has 6 or 7 fields: second minute hour day-of-month month day-of-week"
                + " [year], e.g. \"0 30 2 * * ?\"");
  }

  @Test
  void rejectsUnixFiveFieldCron() {
    assertThatThrownBy(() -> new CronSchedule("*/5 * * * *", ZoneId.of("UTC")))
        .hasMessageStartingWith("'*/5 * * * *' is not a valid cron expression");
  }

  @Test
  void describesItselfAsWritten() {
    assertThat(new CronSchedule(" 0 30 2 * * ? ", ZoneId.of("America/New_York")).describe())
        .isEqualTo("cron \"0 30 2 * * ?\" in America/New_York");
  }
}
