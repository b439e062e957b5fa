package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.params.Param;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.catalog.params.ValueKinds;
import dev.scheduler.catalog.text.Durations;
import java.time.Duration;

/**
 * Waits for a given duration and succeeds; stops at once when interrupted. Stands in for long work
 * when trying out timeouts, shutdown and failover.
 */
public final class SleepJobType implements JobType {

  public static final Param<Duration> DURATION = Param.required("duration", ValueKinds.DURATION);

  private static final ParamSpec PARAMS = ParamSpec.of("sleep", DURATION);

  @Override
  public String name() {
    return "sleep";
  }

  @Override
  public String summary() {
    return "waits for a duration, honouring interruption";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public JobAction create(Params params) {
    Duration duration = params.get(DURATION);
    return run -> {
      Thread.sleep(duration.toMillis());
      return JobResult.of("slept " + Durations.format(duration));
    };
  }
}
