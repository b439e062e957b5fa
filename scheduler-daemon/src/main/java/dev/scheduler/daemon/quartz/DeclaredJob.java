package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.ExecutionPolicy;
import dev.scheduler.catalog.RetryPolicy;
import dev.scheduler.catalog.quartz.JobDataKeys;
import dev.scheduler.catalog.quartz.ParamsJson;
import dev.scheduler.catalog.quartz.ScheduleTriggers;
import dev.scheduler.catalog.schedule.CatchUp;
import dev.scheduler.catalog.text.Durations;
import dev.scheduler.daemon.config.JobConfig;
import java.time.Duration;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

/**
 * A job as the configuration declares it, in Quartz's terms: its job detail and, when it is enabled
 * and has a schedule, the trigger that fires the schedule.
 */
public record DeclaredJob(JobDetail detail, Optional<OperableTrigger> schedule) {

  public static DeclaredJob from(JobConfig job) {
    JobDataMap data = new JobDataMap();
    data.putAll(job.data());
    data.put(JobDataKeys.TYPE, job.type());
    data.put(JobDataKeys.PARAMS, ParamsJson.write(job.params()));
    data.put(JobDataKeys.ORIGIN, JobDataKeys.ORIGIN_CONFIG);
    data.put(JobDataKeys.ENABLED, String.valueOf(job.enabled()));
    ExecutionPolicy policy = job.policy();
    data.put(JobDataKeys.CATCH_UP, policy.catchUp().policy().word());
    data.put(JobDataKeys.CATCH_UP_WINDOW, Durations.format(policy.catchUp().window()));
    data.put(JobDataKeys.CATCH_UP_LIMIT, String.valueOf(policy.catchUp().limit()));
    data.put(JobDataKeys.RETRY, policy.retry().spec());
    policy.timeout().ifPresent(timeout -> data.put(JobDataKeys.TIMEOUT, Durations.format(timeout)));
    JobDetail detail =
        JobBuilder.newJob(policy.concurrency().jobClass())
            .withIdentity(job.name(), job.group())
            .storeDurably()
            .requestRecovery(policy.recover())
            .usingJobData(data)
            .build();
    Optional<OperableTrigger> trigger =
        job.enabled()
            ? job.schedule()
                .map(
                    schedule ->
                        ScheduleTriggers.forSchedule(
                            schedule, scheduleKey(job.name()), detail.getKey()))
            : Optional.empty();
    return new DeclaredJob(detail, trigger);
  }

  /** A job's catch-up settings, as {@link #from} keeps them in its job data. */
  public static CatchUp catchUpOf(JobDetail detail) {
    JobDataMap data = detail.getJobDataMap();
    String policy = data.getString(JobDataKeys.CATCH_UP);
    if (policy == null) {
      return CatchUp.DEFAULT;
    }
    return new CatchUp(
        CatchUp.Policy.parse(policy),
        Durations.parse(data.getString(JobDataKeys.CATCH_UP_WINDOW)),
        Integer.parseInt(data.getString(JobDataKeys.CATCH_UP_LIMIT)));
  }

  /** A job's retry policy, as {@link #from} keeps it in its job data. */
  public static RetryPolicy retryOf(JobDetail detail) {
    String spec = detail.getJobDataMap().getString(JobDataKeys.RETRY);
    return spec == null ? RetryPolicy.NONE : RetryPolicy.fromSpec(spec);
  }

  /** A job's run timeout, if it has one. */
  public static Optional<Duration> timeoutOf(JobDetail detail) {
    return Optional.ofNullable(detail.getJobDataMap().getString(JobDataKeys.TIMEOUT))
        .map(Durations::parse);
  }

  public static TriggerKey scheduleKey(String jobName) {
    return new TriggerKey(jobName, TriggerGroups.SCHEDULE);
  }
}
