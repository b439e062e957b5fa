package dev.scheduler.daemon.history;

import dev.scheduler.catalog.quartz.FireFacts;
import java.time.Instant;

/**
 * The facts known when an execution starts.
 *
 * @param fireInstanceId Quartz's id of the firing, which identifies the execution
 * @param job the job's name
 * @param jobGroup the job's group
 * @param trigger the trigger's name
 * @param triggerGroup the trigger's group
 * @param node the node running it
 * @param runKey the job and the scheduled fire instant
 * @param scheduledAt the scheduled fire instant
 * @param startedAt when it started
 * @param attempt the attempt number, 1 for the first
 * @param manual whether an operator asked for it
 * @param recoveredTrigger for a re-run after its node died, the trigger of the run it replaces
 */
public record ExecutionStart(
    String fireInstanceId,
    String job,
    String jobGroup,
    String trigger,
    String triggerGroup,
    String node,
    String runKey,
    Instant scheduledAt,
    Instant startedAt,
    int attempt,
    boolean manual,
    String recoveredTrigger) {

  /** A firing's start as the history records it: its facts, the node and the start instant. */
  public static ExecutionStart of(FireFacts fire, String node, Instant startedAt) {
    return new ExecutionStart(
        fire.fireInstanceId(),
        fire.job().getName(),
        fire.job().getGroup(),
        fire.trigger().getName(),
        fire.trigger().getGroup(),
        node,
        fire.runKey(),
        fire.scheduledAt(),
        startedAt,
        fire.attempt(),
        fire.manual(),
        fire.recoveredTrigger());
  }
}
