package dev.scheduler.daemon.ops;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.quartz.SchedulerJobStore.ScheduledUser;
import dev.scheduler.daemon.users.UserSchedule;
import java.util.List;
import java.util.Optional;
import org.quartz.JobPersistenceException;

/** What operators do to per-user schedules: set, list, remove, import. */
public final class UserScheduleOperations {

  private final OperatorSession session;

  public UserScheduleOperations(OperatorSession session) {
    this.session = session;
  }

  /** Stores the schedules, all or none; each fires next at its first fire after now. */
  public void set(List<UserSchedule> schedules) {
    try {
      session
          .quartz()
          .store()
          .putUserSchedules(
              schedules,
              session.auditing(
                  AuditLog.Action.USERS_SET,
                  describe(schedules),
                  Optional.empty(),
                  Optional.of(schedules.size() + " schedule(s)")));
      session.wakeNodes(session.clock().instant());
    } catch (JobPersistenceException e) {
      throw new OperationFailedException(e.getMessage(), e);
    }
  }

  public List<ScheduledUser> list(Optional<String> userId, Optional<String> job) {
    try {
      return session.quartz().store().userSchedules(userId, job);
    } catch (JobPersistenceException e) {
      throw new OperationFailedException("could not read user schedules: " + e.getMessage(), e);
    }
  }

  /**
   * Removes a user's schedules (one job's, or all).
   *
   * @throws OperationFailedException when there was nothing to remove
   */
  public List<UserSchedule> remove(String userId, Optional<String> job) {
    List<UserSchedule> removed;
    try {
      removed =
          session
              .quartz()
              .store()
              .removeUserSchedules(
                  userId,
                  job,
                  session.auditing(
                      AuditLog.Action.USERS_REMOVE,
                      "user " + userId + job.map(name -> ", job " + name).orElse(""),
                      Optional.empty(),
                      Optional.empty()));
    } catch (JobPersistenceException e) {
      throw new OperationFailedException("could not remove schedules: " + e.getMessage(), e);
    }
    if (removed.isEmpty()) {
      throw new OperationFailedException(
          "user " + userId + " has no schedule" + job.map(name -> " for job " + name).orElse(""));
    }
    return removed;
  }

  /** "user 42: user-digest daily 08:00 Europe/Berlin; ..." for the audit log. */
  private static String describe(List<UserSchedule> schedules) {
    StringBuilder text = new StringBuilder();
    for (UserSchedule schedule : schedules) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append("user ")
          .append(schedule.userId())
          .append(": ")
          .append(schedule.job())
          .append(' ')
          .append(schedule.schedule().describe());
    }
    return text.toString();
  }
}
