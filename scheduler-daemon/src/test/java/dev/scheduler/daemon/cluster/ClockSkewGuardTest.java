package dev.scheduler.daemon.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.daemon.cluster.ClockSkewGuard.Verdict;
import dev.scheduler.daemon.config.ClusterTiming;
import org.junit.jupiter.api.Test;

class ClockSkewGuardTest {

  private final ClockSkewGuard guard = new ClockSkewGuard(ClusterTiming.DEFAULT);

  @Test
  void warnsBeyondTheWarningAndStepsBackBeyondTheLimitInEitherDirection() {
    assertThat(guard.verdict(0)).isEqualTo(Verdict.FINE);
    assertThat(guard.verdict(-250)).isEqualTo(Verdict.FINE);
    assertThat(guard.verdict(251)).isEqualTo(Verdict.WARN);
    assertThat(guard.verdict(-1_999)).isEqualTo(Verdict.WARN);
    assertThat(guard.verdict(2_001)).isEqualTo(Verdict.STEP_BACK);
    assertThat(guard.verdict(-5_000)).isEqualTo(Verdict.STEP_BACK);
  }
}
