package dev.scheduler.daemon.quartz;

import static dev.scheduler.daemon.quartz.StoreSql.sql;

import dev.scheduler.catalog.quartz.ConcurrentCatalogJob;
import dev.scheduler.catalog.quartz.JobDataKeys;
import dev.scheduler.catalog.quartz.ScheduleTriggers;
import dev.scheduler.daemon.users.UserSchedule;
import dev.scheduler.daemon.users.UserScheduleTable;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

/**
 * Keeps per-user schedules and their triggers together: the {@code user_schedule} table is the
 * truth, and each row of a job that exists and is enabled has one trigger, named {@code JOB/USER}
 * in the {@code users} group, with the user's id in its job data.
 */
final class UserScheduleStore {

  private final SchedulerJobStore store;

  UserScheduleStore(SchedulerJobStore store) {
    this.store = store;
  }

  static TriggerKey key(String job, String userId) {
    return new TriggerKey(job + "/" + userId, TriggerGroups.USERS);
  }

  /** Stores a schedule and (re)places its trigger, which starts at its first fire after now. */
  void put(Connection conn, UserSchedule schedule) throws JobPersistenceException {
    JobDetail job = requireUsableJob(conn, schedule.job());
    Instant now = store.clock().instant();
    sql(
        () -> UserScheduleTable.put(conn, schedule, now),
        "store the schedule of " + schedule.userId());
    TriggerKey key = key(schedule.job(), schedule.userId());
    if (store.exists(conn, key)) {
      store.remove(conn, key);
    }
    store.storeNewTrigger(conn, trigger(schedule, job.getKey()), job);
  }

  /** Deletes a user's schedules (one job's, or all) with their triggers. */
  List<UserSchedule> remove(Connection conn, String userId, Optional<String> job)
      throws JobPersistenceException {
    List<UserSchedule> removed =
        sql(() -> UserScheduleTable.remove(conn, userId, job), "remove the schedules of " + userId);
    for (UserSchedule schedule : removed) {
      TriggerKey key = key(schedule.job(), schedule.userId());
      if (store.exists(conn, key)) {
        store.remove(conn, key);
      }
    }
    return removed;
  }

  /**
   * After a configured job was added or changed: an enabled job gets a trigger for every stored
   * schedule that lacks one; a disabled job loses them (the rows stay).
   */
  void sync(Connection conn, JobDetail job) throws JobPersistenceException {
    boolean enabled = !"false".equals(job.getJobDataMap().getString(JobDataKeys.ENABLED));
    List<UserSchedule> schedules =
        sql(
            () ->
                UserScheduleTable.find(conn, Optional.empty(), Optional.of(job.getKey().getName())),
            "read the user schedules of " + job.getKey());
    for (UserSchedule schedule : schedules) {
      TriggerKey key = key(schedule.job(), schedule.userId());
      boolean exists = store.exists(conn, key);
      if (enabled && !exists) {
        store.storeNewTrigger(conn, trigger(schedule, job.getKey()), job);
      } else if (!enabled && exists) {
        store.remove(conn, key);
      }
    }
  }

  /**
   * The job a per-user schedule may use: it must exist, be enabled, and allow concurrent runs,
   * since under {@code forbid} one user's run would hold back every other user's.
   */
  private JobDetail requireUsableJob(Connection conn, String name) throws JobPersistenceException {
    Optional<JobKey> key = sql(() -> store.queries().findJob(conn, name), "find job " + name);
    if (key.isEmpty()) {
      throw new InvalidUserScheduleException(
          "no job named " + name + "; declare it in the configuration and start a node first");
    }
    JobDetail job = store.retrieve(conn, key.get());
    if ("false".equals(job.getJobDataMap().getString(JobDataKeys.ENABLED))) {
      throw new InvalidUserScheduleException(
          "job " + name + " is disabled in the configuration (enabled: false)");
    }
    if (job.getJobClass() != ConcurrentCatalogJob.class) {
      throw new InvalidUserScheduleException(
          "job "
              + name
              + " has concurrency: forbid, which would let one user's run hold back every other"
              + " user's; set concurrency: allow for a per-user job");
    }
    return job;
  }

  private static OperableTrigger trigger(UserSchedule schedule, JobKey job) {
    OperableTrigger trigger =
        ScheduleTriggers.forSchedule(
            schedule.schedule(), key(job.getName(), schedule.userId()), job);
    trigger.getJobDataMap().put(UserSchedule.USER_ID, schedule.userId());
    return trigger;
  }

  /** A per-user schedule that cannot be stored; the message says why. */
  static final class InvalidUserScheduleException extends JobPersistenceException {
    InvalidUserScheduleException(String message) {
      super(message);
    }
  }
}
