package dev.scheduler.catalog.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.catalog.text.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Posts a JSON document to a webhook, Slack's incoming webhooks included (they show the document's
 * {@code text}). A webhook's URL usually holds its token (Slack's is in the path), so messages name
 * only its scheme, host and port.
 */
public final class WebhookSender {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final String shown;
  private final Duration timeout;
  private final HttpClient client;

  public WebhookSender(String url, Duration timeout) {
    this.url = URI.create(checkUrl(url));
    this.shown = shown(this.url);
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * @return the URL, trimmed
   * @throws IllegalArgumentException when it is not an http(s) URL with a host
   */
  public static String checkUrl(String url) {
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

  /** Where the webhook is, without what may be secret in its URL (path, query, user info). */
  public static String shown(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  public String shown() {
    return shown;
  }

  /**
   * Posts the document and waits for a 2xx answer.
   *
   * @param idempotencyKey sent as the {@code Idempotency-Key} header when not null, so that a
   *     receiver can drop a repeated delivery
   * @throws NotificationException naming the webhook's host, when it did not answer 2xx in time
   * @throws InterruptedException when the calling thread is interrupted; the request is abandoned
   */
  public void post(Map<String, ?> document, String idempotencyKey)
      throws NotificationException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json(document), StandardCharsets.UTF_8));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<Void> response;
    try {
      response =
          BoundedHttp.send(
              client, request.build(), HttpResponse.BodyHandlers.discarding(), timeout);
    } catch (TimeoutException e) {
      throw new NotificationException(
          "webhook " + shown + " did not answer within " + Durations.format(timeout));
    } catch (IOException e) {
      throw new NotificationException("could not post to webhook " + shown + ": " + e, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new NotificationException(
          "webhook " + shown + " answered HTTP " + response.statusCode() + "; not delivered");
    }
  }

  static String json(Map<String, ?> document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
    }
  }
}
