package dev.scheduler.daemon.ops;

import dev.scheduler.catalog.quartz.FireFacts;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts the job, run key and node into the logging context (SLF4J MDC) of the job's thread for as
 * long as an execution runs, so every line logged meanwhile, by the job or by the scheduler, says
 * which run it belongs to.
 *
 * <p>A trigger listener, because Quartz calls trigger listeners on the job's thread before all job
 * listeners when a run begins and after all of them when it ends: the job listeners' own lines
 * (history, retries) carry the context too. Never throws into Quartz.
 */
public final class ExecutionLogContext implements TriggerListener {

  public static final String JOB = "job";
  public static final String RUN_KEY = "runKey";
  public static final String NODE = "node";

  private static final Logger log = LoggerFactory.getLogger(ExecutionLogContext.class);

  private final String nodeId;

  public ExecutionLogContext(String nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public String getName() {
    return "execution-log-context";
  }

  @Override
  public void triggerFired(Trigger trigger, JobExecutionContext context) {
    try {
      FireFacts fire = FireFacts.of(context);
      MDC.put(JOB, fire.job().getName());
      MDC.put(RUN_KEY, fire.runKey());
      MDC.put(NODE, nodeId);
    } catch (RuntimeException e) {
      clear();
      log.warn(
          "could not set the log context of {}; its lines go without it: {}",
          context.getFireInstanceId(),
          e.toString());
    }
  }

  @Override
  public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
    return false;
  }

  @Override
  public void triggerMisfired(Trigger trigger) {}

  @Override
  public void triggerComplete(
      Trigger trigger, JobExecutionContext context, CompletedExecutionInstruction instruction) {
    clear();
  }

  private static void clear() {
    MDC.remove(JOB);
    MDC.remove(RUN_KEY);
    MDC.remove(NODE);
  }
}
