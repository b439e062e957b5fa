package dev.scheduler.catalog.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posts to a real HTTP server on loopback. */
class WebhookSenderTest {

  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/services/", this::receive);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }
    keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T/B/secret-token";
  }

  @Test
  void postsTheDocumentAsJsonWithTheIdempotencyKey() throws Exception {
    new WebhookSender(url(), Duration.ofSeconds(5))
        .post(Map.of("text", "daily report: 2 jobs"), "report@2026-11-25T06:00:00Z");

    JsonNode body = new ObjectMapper().readTree(bodies.get(0));
    assertThat(body.get("text").asText()).isEqualTo("daily report: 2 jobs");
    assertThat(keys).containsExactly("report@2026-11-25T06:00:00Z");
  }

  @Test
  void anAnswerOtherThan2xxFailsNamingOnlyTheHost() {
    status = 404;
    WebhookSender sender = new WebhookSender(url(), Duration.ofSeconds(5));

    assertThatThrownBy(() -> sender.post(Map.of("text", "x"), null))
        .isInstanceOf(NotificationException.class)
        .hasMessage(
            "webhook http://127.0.0.1:"
                + server.getAddress().getPort()
                + " answered HTTP 404; not delivered");
  }

  @Test
  void urlsAreCheckedAndShownWithoutTheirSecrets() {
    assertThatThrownBy(() -> WebhookSender.checkUrl("hooks.example.com/x"))
        .hasMessageStartingWith("is not an http(s) URL");
    assertThat(WebhookSender.shown(URI.create("https://u:p@hooks.example.com/services/T?k=v")))
        .isEqualTo("https://hooks.example.com");
  }
}
