package dev.scheduler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static final Target OURS =
      new OurScheduler(Path.of("scheduler.jar"), Path.of("work"), 50);
  private static final Target STOCK = new StockQuartz(Path.of("bench.jar"), Path.of("work"));

  @Test
  void bothTargetsGiveTheRatioOfTheirMedians() {
    Report report = report();
    report.throughput(OURS, 1, List.of(drain(3_000), drain(4_000), drain(3_500)));
    report.throughput(STOCK, 1, List.of(drain(200)));

    assertThat(report.render(Instant.EPOCH))
        .contains("| executions/s, history on | 1 | 3,500/s")
        .contains("| 200/s (2,000 fires) | 17.5x |");
  }

  @Test
  void aRunOfStockQuartzAloneStillReportsItsRates() {
    Report report = report();
    report.throughput(STOCK, 2, List.of(drain(180)));

    assertThat(report.render(Instant.EPOCH))
        .contains("| executions/s, history on | 2 | - | 180/s (2,000 fires) | - | - |");
  }

  private static Report report() {
    return new Report(Profile.QUICK, "PostgreSQL 15", 2, 50);
  }

  private static Experiments.Drain drain(double perSecond) {
    Experiments.Drain warmUp =
        new Experiments.Drain(500, 500, 0, perSecond / 2, Stats.of(List.of(0L)), 1, 1, true, null);
    return new Experiments.Drain(
        2_000, 2_000, 0, perSecond, Stats.of(List.of(0L)), 1, 1, true, warmUp);
  }
}
