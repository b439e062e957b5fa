package dev.scheduler.daemon.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.ExecutionPolicy;
import dev.scheduler.catalog.schedule.CronSchedule;
import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.daemon.config.JobConfig;
import dev.scheduler.daemon.quartz.ReconcilePlan.AddJob;
import dev.scheduler.daemon.quartz.ReconcilePlan.ChangeSchedule;
import dev.scheduler.daemon.quartz.ReconcilePlan.RemoveJob;
import dev.scheduler.daemon.quartz.ReconcilePlan.StoredJob;
import dev.scheduler.daemon.quartz.ReconcilePlan.UpdateJob;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcilePlanTest {

  private static final Schedule EVERY_MINUTE =
      new CronSchedule("0 * * * * ?", ZoneId.of("Europe/Berlin"));
  private static final Schedule HOURLY =
      new CronSchedule("0 0 * * * ?", ZoneId.of("Europe/Berlin"));

  @Test
  void anUnchangedJobIsLeftAloneSoItKeepsItsNextFireAndPause() {
    DeclaredJob job = declared(job("a", EVERY_MINUTE, Map.of()));

    assertThat(ReconcilePlan.between(List.of(job), List.of(stored(job))).changes()).isEmpty();
  }

  @Test
  void aNewJobIsAdded() {
    DeclaredJob job = declared(job("a", EVERY_MINUTE, Map.of()));

    assertThat(ReconcilePlan.between(List.of(job), List.of()).changes())
        .singleElement()
        .isInstanceOf(AddJob.class);
  }

  @Test
  void aChangedScheduleReplacesOnlyTheTrigger() {
    DeclaredJob before = declared(job("a", EVERY_MINUTE, Map.of()));
    DeclaredJob after = declared(job("a", HOURLY, Map.of()));

    List<ReconcilePlan.Change> changes =
        ReconcilePlan.between(List.of(after), List.of(stored(before))).changes();

    assertThat(changes).singleElement().isInstanceOf(ChangeSchedule.class);
    assertThat(((ChangeSchedule) changes.get(0)).schedule()).isPresent();
  }

  @Test
  void aChangedZoneIsAChangedSchedule() {
    DeclaredJob before = declared(job("a", EVERY_MINUTE, Map.of()));
    DeclaredJob after =
        declared(job("a", new CronSchedule("0 * * * * ?", ZoneId.of("UTC")), Map.of()));

    assertThat(ReconcilePlan.between(List.of(after), List.of(stored(before))).changes())
        .singleElement()
        .isInstanceOf(ChangeSchedule.class);
  }

  @Test
  void changedParametersUpdateOnlyTheJob() {
    DeclaredJob before = declared(job("a", EVERY_MINUTE, Map.of("duration", "1s")));
    DeclaredJob after = declared(job("a", EVERY_MINUTE, Map.of("duration", "2s")));

    assertThat(ReconcilePlan.between(List.of(after), List.of(stored(before))).changes())
        .singleElement()
        .isInstanceOf(UpdateJob.class);
  }

  @Test
  void disablingAJobRemovesItsScheduleButKeepsTheJob() {
    DeclaredJob before = declared(job("a", EVERY_MINUTE, Map.of()));
    JobConfig disabled =
        new JobConfig(
            "a",
            "default",
            "sleep",
            false,
            Optional.of(EVERY_MINUTE),
            ExecutionPolicy.DEFAULT,
            Map.of(),
            Map.of());

    List<ReconcilePlan.Change> changes =
        ReconcilePlan.between(List.of(declared(disabled)), List.of(stored(before))).changes();

    assertThat(changes).hasSize(2);
    assertThat(changes.get(0)).isInstanceOf(UpdateJob.class);
    assertThat(changes.get(1)).isInstanceOf(ChangeSchedule.class);
    assertThat(((ChangeSchedule) changes.get(1)).schedule()).isEmpty();
  }

  @Test
  void aJobNoLongerDeclaredIsRemoved() {
    DeclaredJob gone = declared(job("old", EVERY_MINUTE, Map.of()));
    DeclaredJob kept = declared(job("kept", EVERY_MINUTE, Map.of()));

    List<ReconcilePlan.Change> changes =
        ReconcilePlan.between(List.of(kept), List.of(stored(kept), stored(gone))).changes();

    assertThat(changes).singleElement().isInstanceOf(RemoveJob.class);
    assertThat(changes.get(0).job().getName()).isEqualTo("old");
  }

  private static JobConfig job(String name, Schedule schedule, Map<String, Object> params) {
    return new JobConfig(
        name,
        "default",
        "sleep",
        true,
        Optional.of(schedule),
        ExecutionPolicy.DEFAULT,
        params,
        Map.of());
  }

  private static DeclaredJob declared(JobConfig job) {
    return DeclaredJob.from(job);
  }

  private static StoredJob stored(DeclaredJob job) {
    return new StoredJob(job.detail(), job.schedule());
  }
}
