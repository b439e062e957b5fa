package dev.scheduler.daemon.ops;

import static dev.scheduler.daemon.testing.ClusterTestSupport.nodeEnvironment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.daemon.testing.CliProcess;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.daemon.testing.PrometheusText;
import dev.scheduler.daemon.testing.PrometheusText.Series;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node process serves Prometheus metrics and health checks over HTTP, and its log lines
 * during a run name the run; a node whose port is taken does not start.
 */
class MetricsIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final String JOBS =
      """
      node: { threads: 4 }
      jobs:
        tick:
          type: noop
          schedule: { cron: "* * * * * ?" }
        broken:
          type: fail
          params: { message: "disk full" }
          schedule: { cron: "0/2 * * * * ?" }
          retry: { maxAttempts: 2, backoff: 1s }
        slow:
          type: sleep
          params: { duration: 2500ms }
          schedule: { cron: "* * * * * ?" }
          catchUp: skip
        monthly:
          type: noop
      """;

  /** The last success of {@code monthly}, from before the node started. */
  private static final Instant MONTHLY_SUCCESS = Instant.parse("2026-11-01T00:00:05Z");

  @Test
  void aNodeServesItsMetricsAndHealthWhileItRunsJobs() throws Exception {
    Instant began = Instant.now();
    DatabaseMigrations.migrate(db.dataSource());
    try (Connection connection = db.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into job_execution (job_name, job_group, run_key, scheduled_at,"
                    + " finished_at, status, attempt, manual) values ('monthly', 'default',"
                    + " 'monthly@1', ?, ?, 'SUCCEEDED', 1, false)")) {
      insert.setTimestamp(1, Timestamp.from(MONTHLY_SUCCESS));
      insert.setTimestamp(2, Timestamp.from(MONTHLY_SUCCESS));
      insert.executeUpdate();
    }
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    try (NodeProcess node =
        NodeProcess.start("metrics", directory, config, nodeEnvironment("metrics-node"))) {
      node.awaitReady();
      String base = "http://127.0.0.1:" + node.httpPort();

      await("executions, a retry and a skipped fire to show in the metrics")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                PrometheusText metrics = scrape(base);
                return metrics.value(
                            "scheduler_executions_total", "job", "tick", "outcome", "succeeded")
                        >= 3
                    && metrics.value(
                            "scheduler_executions_total", "job", "broken", "outcome", "failed")
                        >= 2
                    && metrics.value(
                            "scheduler_executions_total", "job", "slow", "outcome", "succeeded")
                        >= 1
                    && metrics.value("scheduler_retries_total", "job", "broken") >= 1
                    && metrics.value(
                            "scheduler_fires_not_run_total",
                            "job",
                            "slow",
                            "status",
                            "skipped",
                            "reason",
                            "blocked")
                        >= 1;
              });

      HttpResponse<String> response = get(base + "/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("text/plain; version=0.0.4; charset=utf-8");
      PrometheusText metrics = new PrometheusText(response.body());
      assertThat(alertRuleMetrics())
          .as(
              "every metric the example alert rules in config/prometheus use is one the node serves")
          .isNotEmpty()
          .allSatisfy(name -> assertThat(response.body()).contains("\n" + name));
      Instant scraped = Instant.now();
      double elapsedSeconds = Duration.between(began, scraped).toMillis() / 1000.0;

      assertThat(metrics.all("scheduler_executions_total", "job", "broken", "outcome", "succeeded"))
          .as("a job that always fails never succeeds")
          .isEmpty();

      // Durations: every run counted once in the histogram; a 2.5 s sleep lasts at least that.
      double tickRuns =
          metrics.value(
              "scheduler_execution_duration_seconds_count", "job", "tick", "outcome", "succeeded");
      assertThat(tickRuns).isGreaterThanOrEqualTo(3);
      assertThat(
              metrics.value(
                  "scheduler_execution_duration_seconds_bucket",
                  "job",
                  "tick",
                  "outcome",
                  "succeeded",
                  "le",
                  "+Inf"))
          .isEqualTo(tickRuns);
      assertThat(
              metrics.value(
                  "scheduler_execution_duration_seconds_sum",
                  "job",
                  "tick",
                  "outcome",
                  "succeeded"))
          .isBetween(0.0, tickRuns * elapsedSeconds);
      double slowRuns =
          metrics.value(
              "scheduler_execution_duration_seconds_count", "job", "slow", "outcome", "succeeded");
      assertThat(
              metrics.value(
                  "scheduler_execution_duration_seconds_sum",
                  "job",
                  "slow",
                  "outcome",
                  "succeeded"))
          .isGreaterThanOrEqualTo(2.5 * slowRuns);
      assertThat(
              bucket(
                  metrics,
                  "scheduler_execution_duration_seconds_bucket",
                  1.0,
                  "job",
                  "slow",
                  "outcome",
                  "succeeded"))
          .as("slow runs that took at most a second")
          .isZero();
      assertThat(metrics.all("scheduler_execution_duration_seconds_bucket", "job", "broken"))
          .as("buckets of the failed runs' durations")
          .isNotEmpty();

      // Lateness: every fire of tick was scheduled after the test began and started before now.
      double tickFires = metrics.value("scheduler_fire_lateness_seconds_count", "job", "tick");
      assertThat(tickFires).isGreaterThanOrEqualTo(3);
      assertThat(metrics.value("scheduler_fire_lateness_seconds_sum", "job", "tick"))
          .isBetween(0.0, tickFires * elapsedSeconds);
      assertThat(bucket(metrics, "scheduler_fire_lateness_seconds_bucket", 300.0, "job", "tick"))
          .isEqualTo(tickFires);
      assertThat(metrics.all("scheduler_fire_lateness_seconds_bucket", "job", "tick"))
          .hasSizeGreaterThan(10);

      assertThat(metrics.value("scheduler_last_success_timestamp_seconds", "job", "tick"))
          .isBetween(began.getEpochSecond() - 1.0, scraped.getEpochSecond() + 1.0);
      assertThat(metrics.all("scheduler_last_success_timestamp_seconds", "job", "broken"))
          .isEmpty();
      assertThat(metrics.value("scheduler_last_success_timestamp_seconds", "job", "monthly"))
          .as("a success from before the node started, read from the history")
          .isEqualTo(MONTHLY_SUCCESS.getEpochSecond());

      assertThat(metrics.value("scheduler_job_threads")).isEqualTo(4);
      assertThat(metrics.value("scheduler_job_threads_busy")).isBetween(0.0, 4.0);
      assertThat(metrics.value("scheduler_executions_running", "job", "slow")).isBetween(0.0, 1.0);
      assertThat(metrics.value("scheduler_checkin_age_seconds")).isBetween(0.0, elapsedSeconds);
      assertThat(metrics.all("scheduler_clock_skew_seconds")).hasSize(1);
      assertThat(metrics.value("scheduler_stuck_triggers")).isZero();

      HttpResponse<String> live = get(base + "/health/live");
      assertThat(live.statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(base + "/health/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      JsonNode readiness = JSON.readTree(ready.body());
      assertThat(readiness.get("ready").asBoolean()).isTrue();
      assertThat(readiness.get("failed")).isEmpty();
      for (String check : List.of("database", "scheduler", "checkin")) {
        assertThat(readiness.get("checks").get(check).asText()).as(check).isEqualTo("ok");
      }
      assertThat(get(base + "/health").statusCode()).isEqualTo(404);
      assertThat(get(base + "/metrics/extra").statusCode()).isEqualTo(404);

      // Lines logged during a run carry the run's context; other lines do not.
      assertThat(node.log())
          .containsPattern(
              "\\[job=broken runKey=broken@\\S+Z node=metrics-node\\] - job broken failed")
          .containsPattern("SchedulerNode - node metrics-node ready: ");

      assertThat(node.terminate(Duration.ofSeconds(60))).isZero();
      assertThat(node.log()).contains("node metrics-node stopped");
    }
  }

  @Test
  void aNodeWhosePortIsTakenDoesNotStart() throws Exception {
    Path config = ClusterTestSupport.config(directory, db, JOBS);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> environment = nodeEnvironment("port-taken");
      environment.put("SCHEDULER_HTTP_PORT", String.valueOf(taken.getLocalPort()));

      CliProcess.Result result =
          CliProcess.run(directory, environment, "run", "--config", config.toString());

      assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
      List<String> errors = result.err().lines().filter(line -> line.startsWith("error:")).toList();
      assertThat(errors)
          .singleElement()
          .asString()
          .startsWith(
              "error: cannot serve metrics and health on 127.0.0.1:" + taken.getLocalPort() + " (")
          .endsWith(
              "); set http.port or SCHEDULER_HTTP_PORT to a free port (0 takes any free port), or"
                  + " http.enabled: false to do without");
      assertThat(result.err()).doesNotContain(" ready: ").doesNotContain("Exception");
    }
  }

  /** The count in the bucket with that upper bound of the series with these labels. */
  private static double bucket(
      PrometheusText metrics, String name, double bound, String... labelPairs) {
    return metrics.all(name, labelPairs).stream()
        .filter(series -> upperBound(series) == bound)
        .mapToDouble(Series::value)
        .sum();
  }

  private static double upperBound(Series series) {
    String le = series.labels().get("le");
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }

  /** The scheduler's own metric names that config/prometheus/scheduler-alerts.yml uses. */
  private static Set<String> alertRuleMetrics() throws IOException {
    String rules = Files.readString(Path.of("..", "config", "prometheus", "scheduler-alerts.yml"));
    Set<String> names = new TreeSet<>();
    Matcher matcher = Pattern.compile("\\bscheduler_[a-z_]+").matcher(rules);
    while (matcher.find()) {
      names.add(matcher.group());
    }
    return names;
  }

  private PrometheusText scrape(String base) throws Exception {
    HttpResponse<String> response = get(base + "/metrics");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new PrometheusText(response.body());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
