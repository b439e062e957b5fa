package dev.scheduler.catalog;

import dev.scheduler.catalog.quartz.CatalogJob;
import dev.scheduler.catalog.quartz.ConcurrentCatalogJob;
import dev.scheduler.catalog.quartz.ExclusiveCatalogJob;

/** Whether executions of one job may overlap. */
public enum Concurrency {
  /** One execution at a time across the cluster; a fire due while one runs waits for it. */
  FORBID(ExclusiveCatalogJob.class),
  /** Executions may overlap. */
  ALLOW(ConcurrentCatalogJob.class);

  private final Class<? extends CatalogJob> jobClass;

  Concurrency(Class<? extends CatalogJob> jobClass) {
    this.jobClass = jobClass;
  }

  /** The Quartz job class that carries this policy. */
  public Class<? extends CatalogJob> jobClass() {
    return jobClass;
  }
}
