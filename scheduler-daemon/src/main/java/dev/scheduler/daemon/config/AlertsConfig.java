package dev.scheduler.daemon.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go and how often: always to the log; to the webhook and by email, when configured,
 * for critical jobs and dead nodes.
 *
 * @param enabled false sends no alerts at all (failures are still logged as they always were)
 * @param webhook a Slack-compatible incoming webhook URL; a secret, as it usually holds a token
 * @param emailTo who gets alerts by email, through the {@code smtp} server; empty for no email
 * @param repeatAfter how long an alert's repeats (same kind, same job or node) are held back
 */
public record AlertsConfig(
    boolean enabled, Optional<Secret> webhook, List<String> emailTo, Duration repeatAfter) {

  public static final boolean DEFAULT_ENABLED = true;
  public static final Duration DEFAULT_REPEAT_AFTER = Duration.ofHours(1);

  public AlertsConfig {
    Objects.requireNonNull(webhook, "webhook");
    emailTo = List.copyOf(emailTo);
    checkRepeatAfter(repeatAfter);
  }

  public static AlertsConfig defaults() {
    return new AlertsConfig(DEFAULT_ENABLED, Optional.empty(), List.of(), DEFAULT_REPEAT_AFTER);
  }

  static Duration checkRepeatAfter(Duration repeatAfter) {
    if (repeatAfter.isNegative() || repeatAfter.isZero()) {
      throw new IllegalArgumentException(
          "must be positive, such as 1h; it is how long repeats of an alert are held back");
    }
    return repeatAfter;
  }
}
