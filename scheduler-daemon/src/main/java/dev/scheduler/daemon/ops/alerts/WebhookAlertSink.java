package dev.scheduler.daemon.ops.alerts;

import dev.scheduler.catalog.notify.WebhookSender;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alerts as JSON posts to a Slack-compatible incoming webhook: {@code text} for Slack, plus the
 * alert's fields for other receivers.
 */
final class WebhookAlertSink {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private WebhookAlertSink() {}

  static AlertSink to(String url) {
    WebhookSender webhook = new WebhookSender(url, TIMEOUT);
    return new QueuedAlertSink(
        "webhook " + webhook.shown(), "alerts-webhook", alert -> webhook.post(body(alert), null));
  }

  /** Slack shows {@code text}; the other fields are for receivers that read them. */
  static Map<String, Object> body(Alert alert) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "text",
        alert.details().isEmpty() ? alert.summary() : alert.summary() + "\n" + alert.details());
    body.put("kind", alert.kind().word());
    body.put("job", alert.job());
    body.put("node", alert.node());
    body.put("summary", alert.summary());
    body.put("details", alert.details());
    body.put("at", alert.at().toString());
    return body;
  }
}
