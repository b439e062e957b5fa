package dev.scheduler.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * What one execution knows about itself.
 *
 * @param jobName the job's name in the configuration
 * @param runKey the job and the scheduled fire instant, the same for every attempt and recovery of
 *     one fire: use it to make side effects idempotent
 * @param scheduledAt the instant this fire was scheduled for (for a manual run, when it was asked)
 * @param attempt 1 for the first attempt, then 2, 3, ... for retries
 * @param manual whether an operator triggered this run
 * @param data the job data: the job's own {@code data} from the configuration, overlaid by the
 *     trigger's (a per-user schedule's user id, {@code jobs trigger --data k=v})
 * @param clock the clock to read time from
 */
public record JobRun(
    String jobName,
    String runKey,
    Instant scheduledAt,
    int attempt,
    boolean manual,
    Map<String, String> data,
    Clock clock) {

  public JobRun {
    data = Map.copyOf(data);
  }
}
