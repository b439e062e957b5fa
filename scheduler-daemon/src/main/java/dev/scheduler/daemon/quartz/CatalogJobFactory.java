package dev.scheduler.daemon.quartz;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.quartz.ConcurrentCatalogJob;
import dev.scheduler.catalog.quartz.ExclusiveCatalogJob;
import dev.scheduler.catalog.text.Placeholders;
import java.time.Clock;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds the job for each firing, handing it what it needs instead of letting it look it up. */
final class CatalogJobFactory implements JobFactory {

  private final JobTypes types;
  private final Clock clock;
  private final Placeholders placeholders;

  CatalogJobFactory(JobTypes types, Clock clock, Placeholders placeholders) {
    this.types = types;
    this.clock = clock;
    this.placeholders = placeholders;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> jobClass = bundle.getJobDetail().getJobClass();
    if (jobClass == ExclusiveCatalogJob.class) {
      return new ExclusiveCatalogJob(types, clock, placeholders);
    }
    if (jobClass == ConcurrentCatalogJob.class) {
      return new ConcurrentCatalogJob(types, clock, placeholders);
    }
    throw new SchedulerException(
        "job "
            + bundle.getJobDetail().getKey()
            + " has class "
            + jobClass.getName()
            + ", which this scheduler does not run");
  }
}
