package dev.scheduler.catalog.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduler.catalog.schedule.CatchUp.CatchUpPlan;
import dev.scheduler.catalog.schedule.CatchUp.NotRun;
import dev.scheduler.catalog.schedule.CatchUp.Policy;
import dev.scheduler.catalog.schedule.CatchUp.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fires from 10:00 to 10:05 of an every-minute schedule came due while nothing could run them. */
class CatchUpTest {

  private static final Schedule EVERY_MINUTE =
      Schedules.parse("cron", "0 * * * * ?", ZoneId.of("UTC"));
  private static final Instant FIRST = Instant.parse("2026-03-08T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-08T10:05:30Z");

  @Test
  void skipRunsNoneAndContinuesWithTheNextFire() {
    CatchUpPlan plan = plan(new CatchUp(Policy.SKIP, Duration.ofHours(1), 100));

    assertThat(plan.run()).isEmpty();
    assertThat(reasons(plan.notRun())).containsOnly(Reason.POLICY_SKIP).hasSize(6);
    assertThat(plan.next()).contains(Instant.parse("2026-03-08T10:06:00Z"));
  }

  @Test
  void onceRunsTheLatestWithinTheWindow() {
    CatchUpPlan plan = plan(new CatchUp(Policy.ONCE, Duration.ofMinutes(2), 100));

    assertThat(plan.run()).containsExactly(at("10:05"));
    assertThat(plan.notRun())
        .containsExactly(
            new NotRun(at("10:00"), Reason.OUTSIDE_WINDOW),
            new NotRun(at("10:01"), Reason.OUTSIDE_WINDOW),
            new NotRun(at("10:02"), Reason.OUTSIDE_WINDOW),
            new NotRun(at("10:03"), Reason.OUTSIDE_WINDOW),
            new NotRun(at("10:04"), Reason.SUPERSEDED));
  }

  @Test
  void onceRunsNothingWhenEvenTheLatestIsTooOld() {
    CatchUpPlan plan = plan(new CatchUp(Policy.ONCE, Duration.ofSeconds(10), 100));

    assertThat(plan.run()).isEmpty();
    assertThat(reasons(plan.notRun())).containsOnly(Reason.OUTSIDE_WINDOW).hasSize(6);
  }

  @Test
  void allRunsEachUpToTheLimitOldestFirst() {
    CatchUpPlan plan = plan(new CatchUp(Policy.ALL, Duration.ofHours(1), 3));

    assertThat(plan.run()).containsExactly(at("10:03"), at("10:04"), at("10:05"));
    assertThat(plan.notRun())
        .containsExactly(
            new NotRun(at("10:00"), Reason.OVER_LIMIT),
            new NotRun(at("10:01"), Reason.OVER_LIMIT),
            new NotRun(at("10:02"), Reason.OVER_LIMIT));
  }

  @Test
  void aLongOutageListsTheFirstThousandFiresAndSaysThereAreMore() {
    Schedule everySecond = Schedules.parse("cron", "* * * * * ?", ZoneId.of("UTC"));

    CatchUpPlan plan = CatchUp.DEFAULT.plan(everySecond, FIRST, FIRST.plus(Duration.ofHours(2)));

    assertThat(plan.notRun()).hasSize(CatchUp.LISTED_NOT_RUN);
    assertThat(plan.unlistedFrom()).contains(FIRST.plusSeconds(CatchUp.LISTED_NOT_RUN));
    assertThat(plan.run()).containsExactly(FIRST.plus(Duration.ofHours(2)));
  }

  @Test
  void settingsAreValidatedWithTheirRule() {
    assertThatThrownBy(() -> Policy.parse("twice")).hasMessage("'twice' is not skip, once or all");
    assertThatThrownBy(() -> new CatchUp(Policy.ALL, Duration.ZERO, 1))
        .hasMessage("0s is not a positive duration; use e.g. 2h");
    assertThatThrownBy(() -> new CatchUp(Policy.ALL, Duration.ofHours(1), 0))
        .hasMessage("0 is out of range; use a whole number from 1 to 10000");
  }

  private static CatchUpPlan plan(CatchUp catchUp) {
    return catchUp.plan(EVERY_MINUTE, FIRST, NOW);
  }

  private static Instant at(String time) {
    return Instant.parse("2026-03-08T" + time + ":00Z");
  }

  private static List<Reason> reasons(List<NotRun> notRun) {
    return notRun.stream().map(NotRun::reason).toList();
  }
}
