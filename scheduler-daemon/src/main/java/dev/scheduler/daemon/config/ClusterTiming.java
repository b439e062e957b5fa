package dev.scheduler.daemon.config;

import dev.scheduler.catalog.text.Durations;
import java.time.Duration;

/**
 * How nodes watch each other: how often each checks in, when a silent one counts as dead, and how
 * far a node's clock may drift from the database's.
 *
 * @param checkinInterval how often a node checks in (and looks for dead peers)
 * @param failureTimeout a node silent this long counts as dead even if its database session still
 *     lingers (a hung process, a network partition the database has not noticed); a node whose
 *     session is gone counts as dead after one check-in interval and a second
 * @param clockSkewWarning a node whose clock is further off the database's says so in its log
 * @param clockSkewLimit a node whose clock is further off than this stops taking fires until it is
 *     back within the limit
 */
public record ClusterTiming(
    Duration checkinInterval,
    Duration failureTimeout,
    Duration clockSkewWarning,
    Duration clockSkewLimit) {

  public static final Duration DEFAULT_CHECKIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_FAILURE_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CLOCK_SKEW_WARNING = Duration.ofMillis(250);
  public static final Duration DEFAULT_CLOCK_SKEW_LIMIT = Duration.ofSeconds(2);
  static final Duration MIN_CHECKIN_INTERVAL = Duration.ofMillis(200);
  static final Duration MAX_CHECKIN_INTERVAL = Duration.ofMinutes(1);

  public static final ClusterTiming DEFAULT =
      new ClusterTiming(
          DEFAULT_CHECKIN_INTERVAL,
          DEFAULT_FAILURE_TIMEOUT,
          DEFAULT_CLOCK_SKEW_WARNING,
          DEFAULT_CLOCK_SKEW_LIMIT);

  public ClusterTiming {
    checkCheckinInterval(checkinInterval);
    String problem = problem(checkinInterval, failureTimeout, clockSkewWarning, clockSkewLimit);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  static Duration checkCheckinInterval(Duration interval) {
    if (interval.compareTo(MIN_CHECKIN_INTERVAL) < 0
        || interval.compareTo(MAX_CHECKIN_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          Durations.format(interval)
              + " is out of range; use a duration from "
              + Durations.format(MIN_CHECKIN_INTERVAL)
              + " to "
              + Durations.format(MAX_CHECKIN_INTERVAL));
    }
    return interval;
  }

  /** What is wrong with these settings together, or null. */
  static String problem(
      Duration checkinInterval,
      Duration failureTimeout,
      Duration clockSkewWarning,
      Duration clockSkewLimit) {
    if (failureTimeout.compareTo(checkinInterval.multipliedBy(3)) < 0) {
      return "failureTimeout "
          + Durations.format(failureTimeout)
          + " must be at least three check-in intervals ("
          + Durations.format(checkinInterval.multipliedBy(3))
          + ")";
    }
    if (clockSkewWarning.isNegative() || clockSkewLimit.compareTo(clockSkewWarning) <= 0) {
      return "clockSkewLimit "
          + Durations.format(clockSkewLimit)
          + " must be more than clockSkewWarning "
          + Durations.format(clockSkewWarning);
    }
    return null;
  }

  /** How long a peer whose database session is gone may stay silent before it counts as dead. */
  public Duration sessionlessGrace() {
    return checkinInterval.plusSeconds(1);
  }
}
