package dev.scheduler.daemon.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.Concurrency;
import dev.scheduler.catalog.ExecutionPolicy;
import dev.scheduler.catalog.quartz.ConcurrentCatalogJob;
import dev.scheduler.catalog.quartz.ExclusiveCatalogJob;
import dev.scheduler.catalog.quartz.JobDataKeys;
import dev.scheduler.catalog.quartz.ParamsJson;
import dev.scheduler.catalog.schedule.CronSchedule;
import dev.scheduler.daemon.config.JobConfig;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;

/** How a configured job becomes Quartz's job detail and job data. */
class DeclaredJobTest {

  @Test
  void jobDataCarriesTypeParametersOriginAndTheUsersData() {
    JobConfig config =
        new JobConfig(
            "report",
            "reports",
            "sleep",
            true,
            Optional.of(new CronSchedule("0 0 1 * * ?", ZoneId.of("Europe/Berlin"))),
            ExecutionPolicy.DEFAULT,
            Map.of("duration", "5s"),
            Map.of("tenant", "acme"));

    DeclaredJob declared = DeclaredJob.from(config);

    JobDataMap data = declared.detail().getJobDataMap();
    assertThat(declared.detail().getKey().toString()).isEqualTo("reports.report");
    assertThat(declared.detail().isDurable()).isTrue();
    assertThat(declared.detail().getJobClass()).isEqualTo(ExclusiveCatalogJob.class);
    assertThat(data.getString(JobDataKeys.TYPE)).isEqualTo("sleep");
    assertThat(ParamsJson.read(data.getString(JobDataKeys.PARAMS)))
        .isEqualTo(Map.of("duration", "5s"));
    assertThat(data.getString(JobDataKeys.ORIGIN)).isEqualTo("config");
    assertThat(data.getString(JobDataKeys.ENABLED)).isEqualTo("true");
    assertThat(data.getString("tenant")).isEqualTo("acme");
    assertThat(declared.schedule()).isPresent();
    assertThat(declared.schedule().get().getKey().toString()).isEqualTo("schedule.report");
  }

  @Test
  void aDisabledJobHasNoTriggerAndAllowConcurrencyPicksTheConcurrentClass() {
    JobConfig config =
        new JobConfig(
            "report",
            "default",
            "noop",
            false,
            Optional.of(new CronSchedule("0 0 1 * * ?", ZoneId.of("UTC"))),
            ExecutionPolicy.DEFAULT.withConcurrency(Concurrency.ALLOW),
            Map.of(),
            Map.of());

    DeclaredJob declared = DeclaredJob.from(config);

    assertThat(declared.schedule()).isEmpty();
    assertThat(declared.detail().getJobClass()).isEqualTo(ConcurrentCatalogJob.class);
    assertThat(declared.detail().getJobDataMap().getString(JobDataKeys.ENABLED)).isEqualTo("false");
  }
}
