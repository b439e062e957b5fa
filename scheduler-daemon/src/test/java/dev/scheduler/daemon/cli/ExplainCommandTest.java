package dev.scheduler.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void jsonListsEachFireInUtcAndLocalTimeWithWhatDstDid() throws Exception {
    int code =
        run(
            "explain",
            "--tz",
            "America/New_York",
            "--daily",
            "02:30",
            "--from",
            "2026-03-07T00:00:00Z",
            "--count",
            "3",
            "--json");

    assertThat(code).isZero();
    JsonNode document = new ObjectMapper().readTree(out.toString());
    assertThat(document.get("zone").asText()).isEqualTo("America/New_York");
    assertThat(document.get("schedule").asText()).isEqualTo("daily 02:30");
    JsonNode fires = document.get("fires");
    assertThat(fires.get(0).get("at").asText()).isEqualTo("2026-03-07T07:30:00Z");
    assertThat(fires.get(0).get("local").asText()).isEqualTo("2026-03-07T02:30:00-05:00");
    assertThat(fires.get(0).get("note").isNull()).isTrue();
    assertThat(fires.get(1).get("at").asText()).isEqualTo("2026-03-08T07:00:00Z");
    assertThat(fires.get(1).get("local").asText()).isEqualTo("2026-03-08T03:00:00-04:00");
    assertThat(fires.get(1).get("note").asText())
        .isEqualTo("02:30 does not exist on 2026-03-08 (DST gap); fires at 03:00 EDT");
    assertThat(fires.get(2).get("at").asText()).isEqualTo("2026-03-09T06:30:00Z");
  }

  @Test
  void theTableShowsTheOverlapOfAnIntervalSchedule() {
    int code =
        run(
            "explain",
            "--tz",
            "America/New_York",
            "--cron",
            "0 0/30 * * * ?",
            "--from",
            "2026-11-01T05:10:00Z",
            "--count",
            "4");

    assertThat(code).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "cron \"0 0/30 * * * ?\" in America/New_York (wall-clock interval)",
            "AT (UTC)              LOCAL                    NOTE",
            "2026-11-01T05:30:00Z  2026-11-01 01:30:00 EDT  01:30 occurs twice on 2026-11-01 (DST"
                + " overlap); fires at both: this is the first, 01:30 EDT",
            "2026-11-01T06:00:00Z  2026-11-01 01:00:00 EST  01:00 occurs twice on 2026-11-01 (DST"
                + " overlap); fires at both: this is the second, 01:00 EST",
            "2026-11-01T06:30:00Z  2026-11-01 01:30:00 EST  01:30 occurs twice on 2026-11-01 (DST"
                + " overlap); fires at both: this is the second, 01:30 EST",
            "2026-11-01T07:00:00Z  2026-11-01 02:00:00 EST");
  }

  @Test
  void aScheduleNeedsExactlyOneKindAndAZone() {
    assertThat(run("explain", "--tz", "UTC")).isEqualTo(2);
    assertThat(err.toString())
        .contains("give exactly one of --cron, --daily, --weekdays or --weekly");
    assertThat(run("explain", "--daily", "08:00")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--tz=ZONE'");
    assertThat(run("explain", "--daily", "08:00", "--tz", "Mars/Olympus")).isEqualTo(2);
    assertThat(err.toString()).contains("error: --tz: unknown time zone 'Mars/Olympus'");
  }

  private int run(String... args) {
    return SchedulerCli.create(
            new CliContext(
                Environment.of(Map.of()),
                JobTypes.builtIn(),
                Clock.systemUTC(),
                new PrintWriter(out, true),
                new PrintWriter(err, true)))
        .execute(args);
  }
}
