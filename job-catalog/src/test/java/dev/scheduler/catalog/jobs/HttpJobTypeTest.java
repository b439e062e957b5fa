package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobRun;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http job type against a real local HTTP server. */
class HttpJobTypeTest {

  private static final JobRun RUN =
      new JobRun(
          "user-digest",
          "user-digest@2026-03-08T13:00:00Z",
          Instant.parse("2026-03-08T13:00:00Z"),
          1,
          false,
          Map.of("userId", "42"),
          Clock.systemUTC());

  private final HttpJobType type = new HttpJobType();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int status = 200;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          byte[] answer = "{\"queued\": true}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void postsTheRunAsJsonWithItsKeyForIdempotency() throws Exception {
    JobResult result = action(Map.of("url", base() + "/users/{{data.userId}}/digest")).run(RUN);

    Request request = requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/users/42/digest");
    assertThat(request.idempotencyKey()).isEqualTo("user-digest@2026-03-08T13:00:00Z");
    assertThat(request.body())
        .isEqualTo(
            "{\"job\":\"user-digest\",\"runKey\":\"user-digest@2026-03-08T13:00:00Z\","
                + "\"scheduledAt\":\"2026-03-08T13:00:00Z\",\"attempt\":1,\"manual\":false,"
                + "\"data\":{\"userId\":\"42\"}}");
    assertThat(result.summary()).startsWith("HTTP 200 in ").endsWith(" ms: {\"queued\": true}");
  }

  @Test
  void fillsHeadersAndBodyTemplates() throws Exception {
    action(
            Map.of(
                "url",
                base() + "/notify",
                "method",
                "PUT",
                "headers",
                Map.of("Authorization", "Bearer token-{{data.userId}}"),
                "body",
                "user={{data.userId}}&at={{scheduledAt}}"))
        .run(RUN);

    Request request = requests.get(0);
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.authorization()).isEqualTo("Bearer token-42");
    assertThat(request.body()).isEqualTo("user=42&at=2026-03-08T13:00:00Z");
  }

  @Test
  void anUnexpectedStatusFailsTheRunWithoutRevealingTheQueryString() {
    status = 503;

    assertThatThrownBy(() -> action(Map.of("url", base() + "/x?token=secret")).run(RUN))
        .isInstanceOf(HttpJobType.HttpCallException.class)
        .hasMessage("POST " + base() + "/x answered HTTP 503, expected 2xx: {\"queued\": true}");
  }

  @Test
  void acceptsTheStatusesItIsTold() throws Exception {
    status = 404;

    assertThat(
            action(Map.of("url", base() + "/gone", "expectStatus", "2xx,404")).run(RUN).summary())
        .startsWith("HTTP 404");
  }

  @Test
  void validatesItsParameters() {
    assertThat(
            type.params()
                .validate(
                    Map.of(
                        "url", "ftp://example.com/{{user}}",
                        "method", "FETCH",
                        "expectStatus", "ok",
                        "timeout", "soon")))
        .containsExactly(
            "url: unknown placeholder {{user}}; use {{job}}, {{runKey}}, {{scheduledAt}},"
                + " {{attempt}}, {{data.KEY}}",
            "method: 'FETCH' is not one of GET, POST, PUT, PATCH, DELETE",
            "timeout: 'soon' is not a duration; write it like 500ms, 30s, 5m, 2h, 1d or 1h30m",
            "expectStatus: 'ok' is not a status code or class; write e.g. 2xx or 200,204");
    assertThat(type.params().validate(Map.of("url", "ftp://example.com/")))
        .containsExactly("url: 'ftp://example.com/' is not an http:// or https:// URL with a host");
  }

  private JobAction action(Map<String, Object> params) {
    return type.create(type.params().bind(params));
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private record Request(
      String method, String path, String idempotencyKey, String authorization, String body) {}
}
