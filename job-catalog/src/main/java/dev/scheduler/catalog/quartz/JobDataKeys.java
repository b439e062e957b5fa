package dev.scheduler.catalog.quartz;

/**
 * The names of the job-data entries the scheduler itself keeps in Quartz's job store. They share
 * the {@value #PREFIX} prefix, which user job data may not use.
 */
public final class JobDataKeys {

  public static final String PREFIX = "scheduler.";

  /** On a job: the job type's name, e.g. {@code sleep}, or {@code class:com.example.MyJob}. */
  public static final String TYPE = PREFIX + "type";

  /** On a job: the type's parameters, as JSON. */
  public static final String PARAMS = PREFIX + "params";

  /** On a job: {@code config} when the configuration file declares it. */
  public static final String ORIGIN = PREFIX + "origin";

  /** On a job: {@code false} when the configuration declares it but it must not fire. */
  public static final String ENABLED = PREFIX + "enabled";

  /** On a job: its catch-up policy, {@code skip}, {@code once} or {@code all}. */
  public static final String CATCH_UP = PREFIX + "catchUp";

  /** On a job: how old a missed fire may be and still run, e.g. {@code 1h}. */
  public static final String CATCH_UP_WINDOW = PREFIX + "catchUpWindow";

  /** On a job: how many missed fires {@code all} runs at most. */
  public static final String CATCH_UP_LIMIT = PREFIX + "catchUpLimit";

  /** On a job: its retry policy, as {@code RetryPolicy#spec()} writes it. */
  public static final String RETRY = PREFIX + "retry";

  /** On a job: how long a run may take before it is interrupted, e.g. {@code 10m}. */
  public static final String TIMEOUT = PREFIX + "timeout";

  /** On a retry's trigger: the attempt it makes, 2 for the first retry. */
  public static final String ATTEMPT = PREFIX + "attempt";

  /**
   * On a one-shot trigger that replays a fire (catch-up, retry): the epoch millis the fire was
   * scheduled for, which the run key and the history keep.
   */
  public static final String SCHEDULED_AT = PREFIX + "scheduledAt";

  /** On a trigger: {@code true} for a run an operator asked for. */
  public static final String MANUAL = PREFIX + "manual";

  /** On a trigger: who asked for a manual run, {@code user@host}. */
  public static final String REQUESTED_BY = PREFIX + "requestedBy";

  /** The origin value of jobs declared in the configuration. */
  public static final String ORIGIN_CONFIG = "config";

  private JobDataKeys() {}
}
