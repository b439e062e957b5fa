package dev.scheduler.daemon.ops.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.config.HttpConfig;
import dev.scheduler.daemon.ops.metrics.NodeMetrics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The endpoints over real HTTP, on a real Quartz scheduler (in memory) and a real in-memory
 * database: what each answers, and how readiness names the check that failed.
 */
class NodeHttpServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpConfig ANY_PORT = new HttpConfig(true, "127.0.0.1", 0);

  private final HttpClient http = HttpClient.newHttpClient();
  private final NodeMetrics metrics = new NodeMetrics(Clock.systemUTC());
  private Scheduler scheduler;
  private NodeHttpServer server;

  @BeforeEach
  void createScheduler() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", "http-test-" + System.nanoTime());
    properties.setProperty("org.quartz.threadPool.threadCount", "1");
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    scheduler = new StdSchedulerFactory(properties).getScheduler();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    scheduler.shutdown();
    metrics.close();
  }

  @Test
  void readyOnlyWhileTheSchedulerRunsAndSaysWhichCheckFailed() throws Exception {
    String base = serve(database("jdbc:h2:mem:ready;DB_CLOSE_DELAY=-1"));

    HttpResponse<String> notStarted = get(base + "/health/ready");
    assertThat(notStarted.statusCode()).isEqualTo(503);
    assertThat(notStarted.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode report = JSON.readTree(notStarted.body());
    assertThat(report.get("ready").asBoolean()).isFalse();
    assertThat(report.get("failed").toString()).isEqualTo("[\"scheduler\"]");
    assertThat(report.get("checks").get("database").asText()).isEqualTo("ok");
    assertThat(report.get("checks").get("scheduler").asText()).isEqualTo("not started yet");
    assertThat(report.get("checks").has("checkin")).as("no cluster, no check-in").isFalse();

    scheduler.start();
    HttpResponse<String> started = get(base + "/health/ready");
    assertThat(started.statusCode()).isEqualTo(200);
    assertThat(started.body())
        .isEqualTo(
            "{\"ready\":true,\"failed\":[],\"checks\":{\"database\":\"ok\",\"scheduler\":\"ok\"}}");

    scheduler.standby();
    JsonNode standby = JSON.readTree(get(base + "/health/ready").body());
    assertThat(standby.get("checks").get("scheduler").asText()).startsWith("in standby: ");

    assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void aDatabaseThatDoesNotAnswerMakesTheNodeNotReady() throws Exception {
    scheduler.start();
    // IFEXISTS refuses to create the database: every connection attempt fails.
    String base = serve(database("jdbc:h2:mem:missing;IFEXISTS=TRUE"));

    HttpResponse<String> response = get(base + "/health/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode report = JSON.readTree(response.body());
    assertThat(report.get("failed").toString()).isEqualTo("[\"database\"]");
    assertThat(report.get("checks").get("database").asText()).contains("missing");
    assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void servesMetricsAndNothingElse() throws Exception {
    String base = serve(database("jdbc:h2:mem:metrics;DB_CLOSE_DELAY=-1"));

    HttpResponse<String> metricsPage = get(base + "/metrics");
    assertThat(metricsPage.statusCode()).isEqualTo(200);
    assertThat(metricsPage.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metricsPage.body()).contains("# TYPE jvm_memory_used_bytes gauge");

    for (String path :
        new String[] {"/", "/health", "/metrics/", "/health/ready/x", "/favicon.ico"}) {
      assertThat(get(base + path).statusCode()).as(path).isEqualTo(404);
    }
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void aPortInUseIsOneClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> NodeHttpServer.bind(new HttpConfig(true, "127.0.0.1", port), "a"))
          .isInstanceOf(OperationFailedException.class)
          .hasMessageStartingWith("cannot serve metrics and health on 127.0.0.1:" + port + " (")
          .hasMessageEndingWith(
              "); set http.port or SCHEDULER_HTTP_PORT to a free port (0 takes any free port), or"
                  + " http.enabled: false to do without");
    }
  }

  @Test
  void anUnknownHostIsOneClearError() {
    assertThatThrownBy(
            () -> NodeHttpServer.bind(new HttpConfig(true, "no-such-host.invalid", 0), "a"))
        .isInstanceOf(OperationFailedException.class)
        .hasMessage(
            "cannot serve metrics and health on no-such-host.invalid:0: unknown host; set"
                + " http.address to an address of this host, such as 127.0.0.1 or 0.0.0.0");
  }

  private String serve(DataSource dataSource) {
    server = NodeHttpServer.bind(ANY_PORT, "test");
    server.start(metrics, new Readiness(dataSource, scheduler, Optional.empty(), "test"));
    return "http://127.0.0.1:" + server.port();
  }

  private static DataSource database(String url) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    dataSource.setUser("sa");
    return dataSource;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
