package dev.scheduler.catalog.quartz;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.text.Placeholders;
import java.time.Clock;

/** A catalog job with {@code concurrency: allow}: executions may overlap. */
public final class ConcurrentCatalogJob extends CatalogJob {

  public ConcurrentCatalogJob(JobTypes types, Clock clock, Placeholders placeholders) {
    super(types, clock, placeholders);
  }
}
