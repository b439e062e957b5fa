package dev.scheduler.daemon.ops.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which alerts are sent: after an alert is sent, its repeats (same {@link
 * Alert#dedupKey()}) within {@code repeatAfter} are held back and counted, and the next one sent
 * says how many were. An every-minute job failing all day thus alerts about once an hour, not 1,440
 * times.
 *
 * <p>The state is this node's, in memory: with several nodes each alerts on what it saw itself, and
 * a restart forgets what was sent.
 */
final class AlertGate {

  private static final DateTimeFormatter HOUR_MINUTE =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Duration repeatAfter;
  private final Map<String, Sent> sent = new HashMap<>();

  AlertGate(Clock clock, Duration repeatAfter) {
    this.clock = clock;
    this.repeatAfter = repeatAfter;
  }

  /**
   * @return the alert to send (its summary telling of the repeats held back since the last one), or
   *     empty if it is a repeat within {@code repeatAfter}
   */
  synchronized Optional<Alert> admit(Alert alert) {
    Instant now = clock.instant();
    Sent last = sent.get(alert.dedupKey());
    if (last != null && now.isBefore(last.at().plus(repeatAfter))) {
      sent.put(alert.dedupKey(), new Sent(alert.job(), last.at(), last.heldBack() + 1));
      return Optional.empty();
    }
    sent.put(alert.dedupKey(), new Sent(alert.job(), now, 0));
    if (last == null || last.heldBack() == 0) {
      return Optional.of(alert);
    }
    return Optional.of(
        alert.withSummary(
            alert.summary()
                + " (and "
                + last.heldBack()
                + " more since "
                + HOUR_MINUTE.format(last.at())
                + ")"));
  }

  /** How many repeats of this key are held back since its last alert was sent. */
  synchronized int heldBack(String dedupKey) {
    Sent last = sent.get(dedupKey);
    return last == null ? 0 : last.heldBack();
  }

  /**
   * The job succeeded: forgets its alerts, so that its next failure alerts at once.
   *
   * @return whether an alert of the job had been sent (then a recovery is due)
   */
  synchronized boolean recovered(String job) {
    return sent.values().removeIf(last -> job.equals(last.job()));
  }

  private record Sent(String job, Instant at, int heldBack) {}
}
