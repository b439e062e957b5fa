package dev.scheduler.daemon.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A job's alert settings.
 *
 * @param enabled false ({@code alerts: false}) silences the job's alerts; its failures are still
 *     logged and recorded
 * @param critical true ({@code critical: true}) sends its alerts to the webhook and email too, not
 *     only to the log
 * @param expectSuccessEvery when set, a time without a success longer than this is an alert
 */
public record JobAlerts(boolean enabled, boolean critical, Optional<Duration> expectSuccessEvery) {

  public static final JobAlerts DEFAULT = new JobAlerts(true, false);

  /** The shortest {@code expectSuccessEvery}: the cluster looks once a minute. */
  public static final Duration MIN_EXPECT_SUCCESS_EVERY = Duration.ofMinutes(5);

  public JobAlerts {
    Objects.requireNonNull(expectSuccessEvery, "expectSuccessEvery");
    expectSuccessEvery.ifPresent(JobAlerts::checkExpectSuccessEvery);
  }

  /** Settings without an expected success rhythm. */
  public JobAlerts(boolean enabled, boolean critical) {
    this(enabled, critical, Optional.empty());
  }

  static Duration checkExpectSuccessEvery(Duration every) {
    if (every.compareTo(MIN_EXPECT_SUCCESS_EVERY) < 0) {
      throw new IllegalArgumentException(
          "must be at least 5m, such as 26h for a daily job; it is how long the job may go"
              + " without a success before it alerts");
    }
    return every;
  }
}
