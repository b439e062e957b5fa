package dev.scheduler.daemon.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quartz.JobPersistenceException;
import org.quartz.TriggerBuilder;
import org.quartz.spi.OperableTrigger;

/** What the scheduler thread gets from an acquisition made ahead, and what stopping gives back. */
class AcquireAheadTest {

  @Test
  void handsOverAtMostWhatIsAskedAndHoldsTheRestForTheNextTake() {
    try (AcquireAhead ahead = new AcquireAhead("test")) {
      ahead.ahead(5, count -> triggers(count));

      assertThat(names(ahead.take(3))).containsExactly("t0", "t1", "t2");
      assertThat(names(ahead.take(3))).containsExactly("t3", "t4");
      assertThat(ahead.take(3)).isEmpty();
    }
  }

  @Test
  void asksOnlyForWhatIsNotHeldAlready() {
    List<Integer> asked = new ArrayList<>();
    try (AcquireAhead ahead = new AcquireAhead("test")) {
      ahead.ahead(
          4,
          count -> {
            asked.add(count);
            return triggers(count);
          });
      assertThat(ahead.take(1)).hasSize(1);
      ahead.ahead(
          4,
          count -> {
            asked.add(count);
            return triggers(count);
          });
      assertThat(ahead.take(10)).hasSize(4);
    }
    assertThat(asked).containsExactly(4, 1);
  }

  @Test
  void aFailedAcquisitionHoldsNothing() {
    try (AcquireAhead ahead = new AcquireAhead("test")) {
      ahead.ahead(
          5,
          count -> {
            throw new JobPersistenceException("database unreachable");
          });
      assertThat(ahead.take(5)).isEmpty();
    }
  }

  @Test
  void stoppingGivesBackWhatIsHeldAndAcquiresNoMore() {
    List<OperableTrigger> released = new ArrayList<>();
    AcquireAhead ahead = new AcquireAhead("test");
    ahead.ahead(3, count -> triggers(count));

    ahead.close(released::add);
    ahead.ahead(3, count -> triggers(count));

    assertThat(names(released)).containsExactly("t0", "t1", "t2");
    assertThat(ahead.take(3)).isEmpty();
  }

  private static List<OperableTrigger> triggers(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> (OperableTrigger) TriggerBuilder.newTrigger().withIdentity("t" + i).build())
        .toList();
  }

  private static List<String> names(List<OperableTrigger> triggers) {
    return triggers.stream().map(trigger -> trigger.getKey().getName()).toList();
  }
}
