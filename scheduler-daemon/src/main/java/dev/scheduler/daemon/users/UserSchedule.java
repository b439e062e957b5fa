package dev.scheduler.daemon.users;

import dev.scheduler.catalog.schedule.Schedule;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One user's schedule for one job, in the user's own time zone.
 *
 * @param userId the application's id for the user
 * @param job the job's name
 * @param schedule when, in the user's zone
 */
public record UserSchedule(String userId, String job, Schedule schedule) {

  /** The job-data key under which each run of a per-user schedule gets the user's id. */
  public static final String USER_ID = "userId";

  private static final Pattern USER_ID_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+:-]{0,63}");

  public UserSchedule {
    checkUserId(userId);
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(schedule, "schedule");
  }

  public static String checkUserId(String userId) {
    if (userId == null || !USER_ID_FORM.matcher(userId).matches()) {
      throw new IllegalArgumentException(
          "'"
              + userId
              + "' is not a valid user id; use 1 to 64 letters, digits, '.', '_', '@', '+', ':' or"
              + " '-', starting with a letter or digit");
    }
    return userId;
  }
}
