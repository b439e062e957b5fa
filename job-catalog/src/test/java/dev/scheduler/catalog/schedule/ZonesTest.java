package dev.scheduler.catalog.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ZonesTest {

  @Test
  void acceptsIanaIds() {
    assertThat(Zones.parse("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(Zones.parse("UTC")).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void rejectsATypoInsteadOfFallingBackToGmt() {
    assertThatThrownBy(() -> Zones.parse("Europe/Berln"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown time zone 'Europe/Berln' (did you mean Europe/Berlin?); use an IANA zone id"
                + " such as Europe/Berlin, America/New_York or UTC");
  }

  @Test
  void rejectsFixedOffsetsWhichHaveNoDaylightSavingRules() {
    assertThatThrownBy(() -> Zones.parse("+02:00"))
        .hasMessageStartingWith("unknown time zone '+02:00'");
  }
}
