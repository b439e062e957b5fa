package dev.scheduler.catalog.quartz;

import java.time.Instant;

/** Run keys: a job's name and a scheduled fire instant, the idempotency key of one fire. */
public final class RunKeys {

  private RunKeys() {}

  public static String of(String jobName, Instant scheduledAt) {
    return jobName + "@" + scheduledAt;
  }
}
