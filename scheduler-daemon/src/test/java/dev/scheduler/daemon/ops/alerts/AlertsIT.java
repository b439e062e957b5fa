package dev.scheduler.daemon.ops.alerts;

import static dev.scheduler.daemon.testing.ClusterTestSupport.nodeEnvironment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node posts a critical job's final failures to a webhook (a local HTTP server here), once
 * per {@code repeatAfter}, the next message counting the repeats held back meanwhile.
 */
class AlertsIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REPEAT_AFTER = Duration.ofSeconds(4);
  private static final String TOKEN = "T0KEN-in-the-path";

  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private HttpServer webhook;

  @BeforeEach
  void startWebhook() throws IOException {
    webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext("/services/", this::receive);
    webhook.start();
  }

  @AfterEach
  void stopWebhook() {
    webhook.stop(0);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Test
  void aCriticalJobsFailuresReachTheWebhookOncePerWindow() throws Exception {
    String url =
        "http://127.0.0.1:"
            + webhook.getAddress().getPort()
            + "/services/"
            + TOKEN
            + "?key=query-secret";
    Path config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            alerts:
              webhook: { url: "%s" }
              repeatAfter: %ds
            jobs:
              broken:
                type: fail
                critical: true
                params: { message: "disk full" }
                schedule: { cron: "* * * * * ?" }
            """
                .formatted(url, REPEAT_AFTER.toSeconds()));
    try (NodeProcess node =
        NodeProcess.start("alerts", directory, config, nodeEnvironment("alerts-node"))) {
      node.awaitReady();

      await("a first alert and, after the window, a second counting the repeats")
          .atMost(Duration.ofSeconds(25))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> bodies.size() >= 2);

      JsonNode first = JSON.readTree(bodies.get(0));
      JsonNode second = JSON.readTree(bodies.get(1));
      assertThat(first.get("kind").asText()).isEqualTo("failed");
      assertThat(first.get("job").asText()).isEqualTo("broken");
      assertThat(first.get("node").asText()).isEqualTo("alerts-node");
      assertThat(first.get("summary").asText())
          .startsWith("job broken failed on node alerts-node: ")
          .contains("disk full")
          .doesNotContain("more since");
      assertThat(first.get("text").asText()).startsWith(first.get("summary").asText());
      assertThat(second.get("summary").asText()).containsPattern("\\(and \\d+ more since ");

      Instant firstAt = Instant.parse(first.get("at").asText());
      Instant secondAt = Instant.parse(second.get("at").asText());
      assertThat(Duration.between(firstAt, secondAt))
          .as("the job failed every second, yet one message per window of %s", REPEAT_AFTER)
          .isGreaterThanOrEqualTo(REPEAT_AFTER);

      String log = node.log();
      assertThat(log)
          .contains("alert failed: job broken failed on node alerts-node")
          .doesNotContain(TOKEN)
          .doesNotContain("query-secret");
    }
  }
}
