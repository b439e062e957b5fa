package dev.scheduler.daemon.config;

/**
 * A job's alert settings.
 *
 * @param enabled false ({@code alerts: false}) silences the job's alerts; its failures are still
 *     logged and recorded
 * @param critical true ({@code critical: true}) sends its alerts to the webhook too, not only to
 *     the log
 */
public record JobAlerts(boolean enabled, boolean critical) {

  public static final JobAlerts DEFAULT = new JobAlerts(true, false);
}
