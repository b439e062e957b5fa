package dev.scheduler.daemon.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.daemon.config.ClusterTiming;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeathRuleTest {

  private static final ClusterTiming TIMING =
      new ClusterTiming(
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          Duration.ofMillis(250),
          Duration.ofSeconds(2));
  private static final long NOW = 1_000_000;
  private static final long SETTLED = 0;

  private final DeathRule rule = new DeathRule(TIMING);

  @Test
  void aNodeWhoseSessionIsGoneIsDeadAfterAnIntervalAndASecond() {
    assertThat(rule.dead(List.of(peer("a", NOW - 2_100, false)), "self", NOW, SETTLED))
        .containsExactly("a");
    assertThat(rule.dead(List.of(peer("a", NOW - 1_500, false)), "self", NOW, SETTLED)).isEmpty();
  }

  @Test
  void aPausedNodeKeepsItsSessionAndIsDeadOnlyAfterTheFailureTimeout() {
    assertThat(rule.dead(List.of(peer("gc", NOW - 20_000, true)), "self", NOW, SETTLED)).isEmpty();
    assertThat(rule.dead(List.of(peer("hung", NOW - 30_001, true)), "self", NOW, SETTLED))
        .containsExactly("hung");
  }

  @Test
  void aNodeThatWasCutOffItselfDeclaresNobodyDeadUntilItHasSettled() {
    List<PeerState> peers = List.of(peer("a", NOW - 40_000, false));

    assertThat(rule.dead(peers, "self", NOW, NOW - 2_000)).isEmpty();
    assertThat(rule.dead(peers, "self", NOW, NOW - 3_001)).containsExactly("a");
  }

  @Test
  void aNodeNeverCountsItselfDead() {
    assertThat(rule.dead(List.of(peer("self", NOW - 60_000, false)), "self", NOW, SETTLED))
        .isEmpty();
  }

  @Test
  void saysWhyANodeIsDead() {
    assertThat(rule.reason(peer("a", NOW - 2_500, false), NOW))
        .isEqualTo("its database session is gone and it has been silent for 2500 ms");
    assertThat(rule.reason(peer("a", NOW - 31_000, true), NOW))
        .isEqualTo("silent for 31000 ms (failureTimeout 30000 ms)");
  }

  private static PeerState peer(String id, long lastCheckin, boolean sessionAlive) {
    return new PeerState(id, lastCheckin, sessionAlive, null, false);
  }
}
