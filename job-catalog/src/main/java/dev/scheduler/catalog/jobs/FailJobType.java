package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.params.Param;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.catalog.params.ValueKinds;

/**
 * Fails every run with a given message: for checking that failures reach the history, retries and
 * alerts before a real job depends on them.
 */
public final class FailJobType implements JobType {

  public static final Param<String> MESSAGE =
      Param.optional("message", ValueKinds.STRING, "failed on purpose (fail job type)");

  private static final ParamSpec PARAMS = ParamSpec.of("fail", MESSAGE);

  @Override
  public String name() {
    return "fail";
  }

  @Override
  public String summary() {
    return "fails every run, for testing failure handling and alerts";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public JobAction create(Params params) {
    String message = params.get(MESSAGE);
    return run -> {
      throw new IllegalStateException(message);
    };
  }
}
