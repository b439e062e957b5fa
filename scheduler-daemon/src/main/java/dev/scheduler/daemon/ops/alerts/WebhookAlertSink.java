package dev.scheduler.daemon.ops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts as JSON to a Slack-compatible incoming webhook ({@code text}, plus the alert's
 * fields for other receivers), one at a time on its own thread: a slow or dead webhook never holds
 * up a job thread. When too many wait, new ones are dropped with a warning. Failures are logged,
 * never thrown.
 *
 * <p>The URL usually holds a token (Slack's is in its path), so messages show only its scheme, host
 * and port.
 */
final class WebhookAlertSink implements AlertSink {

  private static final Logger log = LoggerFactory.getLogger(LogAlertSink.LOGGER);

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final int QUEUE_CAPACITY = 100;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final URI url;
  private final String shown;
  private final HttpClient client;
  private final ObjectMapper json = new ObjectMapper();
  private final ThreadPoolExecutor sender;

  WebhookAlertSink(String url) {
    this.url = URI.create(url);
    this.shown = shown(this.url);
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            runnable -> {
              Thread thread = new Thread(runnable, "alerts-webhook");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Where the webhook is, without what may be secret in its URL (path, query, user info). */
  static String shown(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  @Override
  public void send(Alert alert) {
    try {
      sender.execute(() -> post(alert));
    } catch (RejectedExecutionException e) {
      log.warn(
          "alert webhook {}: {} alerts are waiting already; dropped: {}",
          shown,
          QUEUE_CAPACITY,
          alert.summary());
    }
  }

  private void post(Alert alert) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json; charset=utf-8")
              .POST(HttpRequest.BodyPublishers.ofString(body(alert), StandardCharsets.UTF_8))
              .build();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        log.warn(
            "alert webhook {} answered HTTP {}; not delivered: {}",
            shown,
            response.statusCode(),
            alert.summary());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("could not post an alert to webhook {} ({}): {}", shown, e, alert.summary());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Slack shows {@code text}; the other fields are for receivers that read them. */
  String body(Alert alert) throws JsonProcessingException {
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
    return json.writeValueAsString(body);
  }

  /** Sends what waits for at most a moment, then gives up on the rest. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        int left = sender.shutdownNow().size();
        log.warn("alert webhook {}: {} alerts not sent as the node stopped", shown, left);
      }
    } catch (InterruptedException e) {
      sender.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
