package dev.scheduler.catalog.quartz;

import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobRun;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.catalog.text.Placeholders;
import java.time.Clock;
import java.util.Map;
import org.quartz.InterruptableJob;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz job behind every job declared by type or class: reads the type and parameters from the
 * job data and runs the type's action. Its two subclasses carry the concurrency policy, because
 * Quartz reads "one at a time" from an annotation on the job class.
 */
public abstract class CatalogJob implements InterruptableJob {

  private final JobTypes types;
  private final Clock clock;
  private final Placeholders placeholders;
  private Thread runner;

  /**
   * @param placeholders resolves the {@code ${VAR}} references parameters keep until run time
   */
  protected CatalogJob(JobTypes types, Clock clock, Placeholders placeholders) {
    this.types = types;
    this.clock = clock;
    this.placeholders = placeholders;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    String typeName = data.getString(JobDataKeys.TYPE);
    JobType type;
    Params params;
    try {
      type = types.require(typeName);
      params = type.params().bind(resolved(ParamsJson.read(data.getString(JobDataKeys.PARAMS))));
    } catch (IllegalArgumentException e) {
      throw new JobExecutionException(e.getMessage(), e, false);
    }

    FireFacts fire = FireFacts.of(context);
    JobRun run =
        new JobRun(
            fire.job().getName(),
            fire.runKey(),
            fire.scheduledAt(),
            fire.attempt(),
            fire.manual(),
            FireFacts.userData(context),
            clock);
    synchronized (this) {
      runner = Thread.currentThread();
    }
    try {
      JobResult result = type.create(params).run(run);
      context.setResult(result);
    } catch (JobExecutionException e) {
      throw e;
    } catch (Exception e) {
      throw new JobExecutionException(e, false);
    } finally {
      synchronized (this) {
        runner = null;
      }
      // An interrupt aimed at this run must not leak into the pool thread's next job.
      Thread.interrupted();
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> resolved(Map<String, Object> raw) {
    return (Map<String, Object>) placeholders.resolveAll(raw);
  }

  /** Interrupts the running action; it is expected to stop with an InterruptedException. */
  @Override
  public synchronized void interrupt() {
    if (runner != null) {
      runner.interrupt();
    }
  }
}
