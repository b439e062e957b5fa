package dev.scheduler.catalog;

import dev.scheduler.catalog.text.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a failed run is tried again: up to {@code maxAttempts} attempts in all, the first retry after
 * {@code backoff}, each later one {@code multiplier} times longer, never longer than {@code
 * maxBackoff}.
 */
public record RetryPolicy(
    int maxAttempts, Duration backoff, double multiplier, Duration maxBackoff) {

  public static final int DEFAULT_MAX_ATTEMPTS = 1;
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
  public static final double DEFAULT_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
  static final int MAX_ATTEMPTS = 100;

  /** One attempt, no retry. */
  public static final RetryPolicy NONE =
      new RetryPolicy(
          DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_MULTIPLIER, DEFAULT_MAX_BACKOFF);

  public RetryPolicy {
    checkMaxAttempts(maxAttempts);
    checkPositive(backoff);
    checkMultiplier(multiplier);
    checkPositive(maxBackoff);
  }

  /** The wait before the attempt after {@code attempt}, or empty when no attempt is left. */
  public Optional<Duration> delayAfter(int attempt) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    double millis = backoff.toMillis() * Math.pow(multiplier, attempt - 1);
    return Optional.of(
        millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(Math.round(millis)));
  }

  public boolean retries() {
    return maxAttempts > 1;
  }

  public static int checkMaxAttempts(int attempts) {
    if (attempts < 1 || attempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          attempts + " is out of range; use a whole number from 1 to " + MAX_ATTEMPTS);
    }
    return attempts;
  }

  public static Duration checkPositive(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          Durations.format(duration) + " is not a positive duration; use e.g. 30s");
    }
    return duration;
  }

  public static double checkMultiplier(double multiplier) {
    if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
      throw new IllegalArgumentException(
          multiplier + " is out of range; use a number from 1 to 10");
    }
    return multiplier;
  }

  /** As kept in job data: {@code maxAttempts=3 backoff=30s multiplier=2.0 maxBackoff=1h}. */
  public String spec() {
    return "maxAttempts="
        + maxAttempts
        + " backoff="
        + Durations.format(backoff)
        + " multiplier="
        + String.format(Locale.ROOT, "%s", multiplier)
        + " maxBackoff="
        + Durations.format(maxBackoff);
  }

  public static RetryPolicy fromSpec(String spec) {
    Map<String, String> values = new HashMap<>();
    for (String part : spec.trim().split("\\s+")) {
      int equals = part.indexOf('=');
      values.put(part.substring(0, equals), part.substring(equals + 1));
    }
    return new RetryPolicy(
        Integer.parseInt(values.get("maxAttempts")),
        Durations.parse(values.get("backoff")),
        Double.parseDouble(values.get("multiplier")),
        Durations.parse(values.get("maxBackoff")));
  }
}
