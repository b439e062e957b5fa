package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.quartz.JobDataKeys;
import dev.scheduler.catalog.quartz.ScheduleTriggers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.spi.OperableTrigger;

/**
 * The changes that bring the job store in line with the configuration. Only what differs is
 * touched: a job whose schedule did not change keeps its trigger, and with it its next fire time
 * and its pause.
 *
 * <p>Jobs removed from the configuration are removed from the store, with their triggers; their
 * history stays.
 */
public record ReconcilePlan(List<Change> changes) {

  /** One change to the store. */
  public sealed interface Change {
    JobKey job();

    /** For the log: "added job nightly-report (schedule cron ... in UTC)". */
    String describe();
  }

  record AddJob(DeclaredJob declared) implements Change {
    @Override
    public JobKey job() {
      return declared.detail().getKey();
    }

    @Override
    public String describe() {
      return "added job " + job().getName() + scheduleText(declared.schedule());
    }
  }

  record UpdateJob(JobDetail detail) implements Change {
    @Override
    public JobKey job() {
      return detail.getKey();
    }

    @Override
    public String describe() {
      return "updated job " + job().getName() + " (type, parameters, data or concurrency)";
    }
  }

  /** Sets, replaces or (when empty) removes a job's schedule trigger. */
  record ChangeSchedule(JobKey job, Optional<OperableTrigger> schedule) implements Change {
    @Override
    public String describe() {
      return schedule.isPresent()
          ? "set the schedule of " + job.getName() + scheduleText(schedule)
          : "removed the schedule of " + job.getName();
    }
  }

  record RemoveJob(JobKey job) implements Change {
    @Override
    public String describe() {
      return "removed job " + job.getName() + " (no longer in the configuration)";
    }
  }

  /** A job the configuration declared earlier, as the store has it now. */
  record StoredJob(JobDetail detail, Optional<? extends Trigger> schedule) {}

  static ReconcilePlan between(List<DeclaredJob> declared, List<StoredJob> stored) {
    Map<JobKey, StoredJob> storedByKey = new LinkedHashMap<>();
    for (StoredJob job : stored) {
      storedByKey.put(job.detail().getKey(), job);
    }
    List<Change> changes = new ArrayList<>();
    Map<JobKey, Boolean> declaredKeys = new HashMap<>();
    for (DeclaredJob job : declared) {
      JobKey key = job.detail().getKey();
      declaredKeys.put(key, true);
      StoredJob current = storedByKey.get(key);
      if (current == null) {
        changes.add(new AddJob(job));
        continue;
      }
      if (!sameDetail(job.detail(), current.detail())) {
        changes.add(new UpdateJob(job.detail()));
      }
      if (!sameSchedule(job.schedule(), current.schedule())) {
        changes.add(new ChangeSchedule(key, job.schedule()));
      }
    }
    for (JobKey key : storedByKey.keySet()) {
      if (!declaredKeys.containsKey(key)) {
        changes.add(new RemoveJob(key));
      }
    }
    return new ReconcilePlan(List.copyOf(changes));
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  static boolean isDeclared(JobDetail detail) {
    return JobDataKeys.ORIGIN_CONFIG.equals(detail.getJobDataMap().get(JobDataKeys.ORIGIN));
  }

  private static boolean sameDetail(JobDetail a, JobDetail b) {
    return a.getJobClass().getName().equals(b.getJobClass().getName())
        && Objects.equals(a.getDescription(), b.getDescription())
        && a.isDurable() == b.isDurable()
        && a.requestsRecovery() == b.requestsRecovery()
        && stringMap(a).equals(stringMap(b));
  }

  private static Map<String, String> stringMap(JobDetail detail) {
    Map<String, String> values = new HashMap<>();
    detail.getJobDataMap().forEach((key, value) -> values.put(key, String.valueOf(value)));
    return values;
  }

  private static boolean sameSchedule(
      Optional<? extends Trigger> declared, Optional<? extends Trigger> stored) {
    return declared
        .flatMap(ScheduleTriggers::scheduleOf)
        .equals(stored.flatMap(ScheduleTriggers::scheduleOf));
  }

  private static String scheduleText(Optional<? extends Trigger> trigger) {
    return trigger
        .flatMap(ScheduleTriggers::scheduleOf)
        .map(schedule -> " (" + schedule.describe() + ")")
        .orElse(" (no schedule)");
  }
}
