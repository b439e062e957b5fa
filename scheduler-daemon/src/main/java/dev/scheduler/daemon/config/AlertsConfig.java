package dev.scheduler.daemon.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go and how often: always to the log; to the webhook, when one is configured, for
 * critical jobs and dead nodes.
 *
 * @param enabled false sends no alerts at all (failures are still logged as they always were)
 * @param webhook a Slack-compatible incoming webhook URL; a secret, as it usually holds a token
 * @param repeatAfter how long an alert's repeats (same kind, same job or node) are held back
 */
public record AlertsConfig(boolean enabled, Optional<Secret> webhook, Duration repeatAfter) {

  public static final boolean DEFAULT_ENABLED = true;
  public static final Duration DEFAULT_REPEAT_AFTER = Duration.ofHours(1);

  public AlertsConfig {
    Objects.requireNonNull(webhook, "webhook");
    checkRepeatAfter(repeatAfter);
  }

  public static AlertsConfig defaults() {
    return new AlertsConfig(DEFAULT_ENABLED, Optional.empty(), DEFAULT_REPEAT_AFTER);
  }

  static Duration checkRepeatAfter(Duration repeatAfter) {
    if (repeatAfter.isNegative() || repeatAfter.isZero()) {
      throw new IllegalArgumentException(
          "must be positive, such as 1h; it is how long repeats of an alert are held back");
    }
    return repeatAfter;
  }

  static String checkWebhookUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "is not a URL; use the webhook's https:// address, such as"
              + " https://hooks.slack.com/services/...");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "is not an http(s) URL; use the webhook's https:// address, such as"
              + " https://hooks.slack.com/services/...");
    }
    return url.trim();
  }
}
