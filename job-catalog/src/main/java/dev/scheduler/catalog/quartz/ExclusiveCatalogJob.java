package dev.scheduler.catalog.quartz;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.text.Placeholders;
import java.time.Clock;
import org.quartz.DisallowConcurrentExecution;

/**
 * A catalog job with {@code concurrency: forbid}: at most one execution at a time, cluster-wide.
 */
@DisallowConcurrentExecution
public final class ExclusiveCatalogJob extends CatalogJob {

  public ExclusiveCatalogJob(JobTypes types, Clock clock, Placeholders placeholders) {
    super(types, clock, placeholders);
  }
}
