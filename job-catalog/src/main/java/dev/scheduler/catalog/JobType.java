package dev.scheduler.catalog;

import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;

/**
 * A kind of job the configuration declares by name ({@code type: sleep}), with parameters that are
 * validated when the configuration is checked, long before the job first runs.
 */
public interface JobType {

  /** The name used in the configuration. */
  String name();

  /** One line for listings: what a job of this type does. */
  String summary();

  /** The parameters this type accepts. */
  ParamSpec params();

  /** The work one execution does, for validated parameters. */
  JobAction create(Params params);

  /**
   * This type with its parameters validated against, and its actions working on, those resources.
   * Types that need no database return themselves.
   */
  default JobType with(JobResources resources) {
    return this;
  }
}
