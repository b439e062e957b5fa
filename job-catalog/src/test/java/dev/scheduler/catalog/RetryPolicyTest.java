package dev.scheduler.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backsOffExponentiallyUpToTheMaximumAndStopsAfterTheLastAttempt() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(30), 2.0, Duration.ofMinutes(1));

    assertThat(policy.delayAfter(1)).contains(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(2)).contains(Duration.ofMinutes(1));
    assertThat(policy.delayAfter(3)).contains(Duration.ofMinutes(1));
    assertThat(policy.delayAfter(4)).contains(Duration.ofMinutes(1));
    assertThat(policy.delayAfter(5)).isEmpty();
    assertThat(RetryPolicy.NONE.delayAfter(1)).isEmpty();
  }

  @Test
  void isKeptInJobDataAsAReadableSpec() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(10), 1.5, Duration.ofHours(1));

    assertThat(policy.spec()).isEqualTo("maxAttempts=3 backoff=10s multiplier=1.5 maxBackoff=1h");
    assertThat(RetryPolicy.fromSpec(policy.spec())).isEqualTo(policy);
  }

  @Test
  void settingsAreValidatedWithTheirRule() {
    assertThatThrownBy(() -> RetryPolicy.checkMaxAttempts(101))
        .hasMessage("101 is out of range; use a whole number from 1 to 100");
    assertThatThrownBy(() -> RetryPolicy.checkMultiplier(0.5))
        .hasMessage("0.5 is out of range; use a number from 1 to 10");
  }
}
