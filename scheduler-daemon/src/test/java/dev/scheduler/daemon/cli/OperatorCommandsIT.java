package dev.scheduler.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.node.SchedulerNode;
import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.testing.TestDatabase;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands' output contracts, against a running node on PostgreSQL. */
class OperatorCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir static Path directory;

  private static Path config;
  private static SchedulerNode node;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startNode() throws Exception {
    config =
        ClusterTestSupport.config(
            directory,
            db,
            """
            node: { id: ops-node }
            jobs:
              nightly-report:
                type: sleep
                params: { duration: 1s }
                schedule: { cron: "0 30 2 * * ?", timezone: America/New_York }
              on-demand: { type: noop }
              retrying:
                type: fail
                retry: { maxAttempts: 2, backoff: 1s }
            """);
    node =
        SchedulerNode.start(
            new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(config),
            JobTypes.builtIn(),
            Clock.systemUTC());
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void statusJsonListsTheNodes() throws Exception {
    // The skew a check-in measures is stored with the next one, a second later.
    JsonNode status =
        await("a measured clock skew")
            .atMost(java.time.Duration.ofSeconds(10))
            .until(this::status, json -> !json.get("nodes").get(0).get("skewMillis").isNull());

    JsonNode first = status.get("nodes").get(0);
    assertThat(first.get("id").asText()).isEqualTo("ops-node");
    assertThat(first.get("alive").asBoolean()).isTrue();
    assertThat(first.get("lastCheckin").asText()).endsWith("Z");
    assertThat(first.has("host")).isTrue();
    assertThat(first.get("skewMillis").isNull())
        .as("clock skew is measured at every check-in")
        .isFalse();
    assertThat(Math.abs(first.get("skewMillis").asLong())).isLessThan(1_000);
    assertThat(status.get("running").isArray()).isTrue();
  }

  @Test
  void jobsListJsonShowsScheduleZoneAndNextFireInBothTimes() throws Exception {
    assertThat(run("jobs", "list", "--json")).isZero();

    JsonNode jobs = JSON.readTree(out.toString());
    // Sorted by name; the built-in history-retention job comes first.
    assertThat(jobs.get(0).get("name").asText()).isEqualTo("history-retention");
    JsonNode report = jobs.get(1);
    assertThat(report.get("name").asText()).isEqualTo("nightly-report");
    assertThat(report.get("type").asText()).isEqualTo("sleep");
    assertThat(report.get("timezone").asText()).isEqualTo("America/New_York");
    assertThat(report.get("schedule").asText())
        .isEqualTo("cron \"0 30 2 * * ?\" in America/New_York");
    assertThat(report.get("nextFire").asText()).matches("\\d{4}-\\d\\d-\\d\\dT0[67]:30:00Z");
    assertThat(report.get("nextFireLocal").asText()).matches(".* 02:30:00 E[SD]T");
    assertThat(report.get("paused").asBoolean()).isFalse();
    assertThat(jobs.get(2).get("name").asText()).isEqualTo("on-demand");
    assertThat(jobs.get(2).get("nextFire").isNull()).isTrue();
  }

  @Test
  void anUnknownJobFailsWithASuggestion() {
    assertThat(run("jobs", "trigger", "nightly-reprot")).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: no job named nightly-reprot (did you mean nightly-report?); `scheduler jobs"
                + " list` shows the jobs");
  }

  @Test
  void migrateOnAMigratedDatabaseAppliesNothing() {
    assertThat(run("migrate")).isZero();
    assertThat(out.toString()).contains("schema at version").contains("(0 migrations applied)");
  }

  @Test
  void historyRejectsASinceItCannotRead() {
    assertThat(run("history", "--since", "yesterday")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--since 'yesterday' is neither an instant like 2026-03-08T00:00:00Z nor a duration"
                + " like 24h");
  }

  @Test
  void triggerWaitExitsWithTheRunsFinalOutcome() {
    assertThat(run("jobs", "trigger", "on-demand", "--wait", "--timeout", "60s")).isZero();
    assertThat(out.toString()).contains("finished: SUCCEEDED (attempt 1, node ops-node");

    out.getBuffer().setLength(0);
    assertThat(run("jobs", "trigger", "retrying", "--wait", "--timeout", "60s"))
        .as("a failed run, after its retry")
        .isEqualTo(1);
    assertThat(out.toString())
        .as("it waited for the retry, not only the first attempt")
        .contains("finished: FAILED (attempt 2, node ops-node");
  }

  @Test
  void aPauseUntilEndsByItselfAndEveryActionIsAudited() throws Exception {
    assertThat(run("jobs", "pause", "nightly-report", "--until", "2s", "--reason", "deploy window"))
        .isZero();
    assertThat(out.toString()).contains("paused nightly-report until ");
    assertThat(jobPaused("nightly-report")).isTrue();

    await("the node to end the pause")
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> !jobPaused("nightly-report"));

    out.getBuffer().setLength(0);
    assertThat(run("audit", "--json")).isZero();
    JsonNode audit = JSON.readTree(out.toString());
    JsonNode autoResume = entry(audit, "AUTO_RESUME", "nightly-report");
    JsonNode pause = entry(audit, "PAUSE", "nightly-report");
    assertThat(autoResume.get("user").asText()).isEqualTo("node ops-node");
    assertThat(pause.get("reason").asText()).isEqualTo("deploy window");
    assertThat(pause.get("details").asText()).startsWith("until 20");
    assertThat(pause.get("user").asText()).isEqualTo(System.getProperty("user.name"));
    assertThat(pause.get("host").asText()).isNotBlank();
    assertThat(autoResume.get("id").asLong()).isGreaterThan(pause.get("id").asLong());
  }

  @Test
  void aPauseUntilThePastIsRefused() {
    assertThat(run("jobs", "pause", "on-demand", "--until", "2020-01-01T00:00:00Z")).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: --until 2020-01-01T00:00:00Z is not in the future; give a later instant or a"
                + " duration");
  }

  private static JsonNode entry(JsonNode audit, String action, String target) {
    for (JsonNode entry : audit) {
      if (entry.get("action").asText().equals(action)
          && entry.get("target").asText().equals(target)) {
        return entry;
      }
    }
    throw new AssertionError("no " + action + " of " + target + " in the audit log: " + audit);
  }

  private boolean jobPaused(String name) throws Exception {
    out.getBuffer().setLength(0);
    assertThat(run("jobs", "list", "--json")).isZero();
    for (JsonNode job : JSON.readTree(out.toString())) {
      if (job.get("name").asText().equals(name)) {
        return job.get("paused").asBoolean();
      }
    }
    throw new AssertionError("no job " + name + " in " + out);
  }

  private JsonNode status() throws Exception {
    out.getBuffer().setLength(0);
    assertThat(run("status", "--json")).isZero();
    return JSON.readTree(out.toString());
  }

  private int run(String... args) {
    return InProcessCli.run(config, out, err, args);
  }
}
