package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;

/** Does nothing and succeeds: for smoke tests, health of the scheduler itself, and benchmarks. */
public final class NoopJobType implements JobType {

  private static final ParamSpec PARAMS = ParamSpec.of("noop");
  private static final JobAction ACTION = run -> JobResult.done();

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public String summary() {
    return "does nothing and succeeds";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public JobAction create(Params params) {
    return ACTION;
  }
}
