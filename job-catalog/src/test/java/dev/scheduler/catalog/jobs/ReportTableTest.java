package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

  private static final ReportTable.Row ROW =
      new ReportTable.Row(
          "say \"hi\", <b>&go</b>",
          4,
          2,
          1,
          1,
          0,
          150L,
          290L,
          Instant.parse("2026-11-24T01:00:00Z"));

  @Test
  void csvQuotesFieldsWithCommasQuotesAndLineBreaksPerRfc4180() {
    assertThat(ReportTable.csvField("plain")).isEqualTo("plain");
    assertThat(ReportTable.csvField("a,b")).isEqualTo("\"a,b\"");
    assertThat(ReportTable.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ReportTable.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(ReportTable.csv(List.of(ROW)))
        .isEqualTo(
            "job,runs,succeeded,failed,missed,skipped,p50_ms,p95_ms,last_success\r\n"
                + "\"say \"\"hi\"\", <b>&go</b>\",4,2,1,1,0,150,290,2026-11-24T01:00:00Z\r\n");
  }

  @Test
  void htmlEscapesJobNames() {
    String html = ReportTable.html("daily report <x>", List.of(ROW));
    assertThat(html)
        .contains("<td>say &quot;hi&quot;, &lt;b&gt;&amp;go&lt;/b&gt;</td>")
        .contains("<title>daily report &lt;x&gt;</title>")
        .doesNotContain("<b>");
  }

  @Test
  void percentilesInterpolateLikePercentileCont() {
    assertThat(ReportQuery.percentile(List.of(), 0.5)).isNull();
    assertThat(ReportQuery.percentile(List.of(7L), 0.95)).isEqualTo(7);
    assertThat(ReportQuery.percentile(List.of(100L, 200L), 0.5)).isEqualTo(150);
    assertThat(ReportQuery.percentile(List.of(100L, 200L, 300L), 0.95)).isEqualTo(290);
  }
}
