package dev.scheduler.daemon.quartz;

/** The Quartz trigger groups the scheduler uses, by what made the trigger. */
public final class TriggerGroups {

  /** The schedule declared in the configuration; the trigger is named after its job. */
  public static final String SCHEDULE = "schedule";

  /** Runs an operator asked for. */
  public static final String MANUAL = "manual";

  /** Late runs of missed fires, by the job's catch-up policy. */
  public static final String CATCH_UP = "catchup";

  /** Retries of failed runs. */
  public static final String RETRY = "retry";

  /** Per-user schedules; each trigger is named JOB/USER. */
  public static final String USERS = "users";

  private TriggerGroups() {}
}
