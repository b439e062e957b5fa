package dev.scheduler.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.daemon.testing.CliProcess;
import dev.scheduler.daemon.testing.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCHEDULER_LOG_FORMAT=json: one JSON object per log line, for journald and log shippers. */
class JsonLogsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> JSON_LOGS = Map.of("SCHEDULER_LOG_FORMAT", "json");

  @TempDir Path directory;

  @Test
  void aNodeLogsEveryEventAsOneJsonObjectPerLine() throws IOException {
    Path config = config();
    String log;
    try (NodeProcess node =
        NodeProcess.start(
            "json",
            directory,
            config,
            Map.of("SCHEDULER_LOG_FORMAT", "json", "SCHEDULER_NODE_ID", "json-node"))) {
      node.awaitReady();
      assertThat(node.terminate(Duration.ofSeconds(60))).isZero();
      log = node.log();
    }

    List<JsonNode> events = log.lines().filter(line -> !line.isBlank()).map(this::parse).toList();
    assertThat(events)
        .allSatisfy(
            event ->
                assertThat(event.has("timestamp") && event.has("level") && event.has("loggerName"))
                    .as("timestamp, level and loggerName in %s", event)
                    .isTrue())
        .anySatisfy(
            event -> {
              assertThat(event.get("level").asText()).isEqualTo("INFO");
              assertThat(event.get("loggerName").asText())
                  .isEqualTo("dev.scheduler.daemon.node.SchedulerNode");
              assertThat(event.get("formattedMessage").asText())
                  .startsWith("node json-node ready: ");
            })
        // The effective configuration spans many lines of text: still one event.
        .anySatisfy(
            event ->
                assertThat(event.get("formattedMessage").asText())
                    .startsWith("effective configuration (secrets masked):\n")
                    .contains("\njobs:\n"));
  }

  @Test
  void operatorCommandsKeepTheirOutputFreeOfLogs() throws IOException {
    Path config = config();
    CliProcess.Result migrate =
        CliProcess.run(directory, JSON_LOGS, "migrate", "--config", config.toString());
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();

    CliProcess.Result history =
        CliProcess.run(directory, JSON_LOGS, "history", "--json", "--config", config.toString());

    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.err()).isEmpty();
    assertThat(parse(history.out()).isArray()).isTrue();
  }

  @Test
  void anUnknownFormatLogsAsTextWithOneWarning() throws IOException {
    CliProcess.Result check =
        CliProcess.run(
            directory,
            Map.of("SCHEDULER_LOG_FORMAT", "yaml"),
            "check-config",
            "--config",
            config().toString());

    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.err())
        .isEqualTo(
            "warning: SCHEDULER_LOG_FORMAT=yaml is not a log format; set it to text or json"
                + " (logging as text)\n");
  }

  private Path config() throws IOException {
    return Files.writeString(
        directory.resolve("scheduler.yaml"), "jobs:\n  idle: { type: noop }\n");
  }

  private JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not a JSON document: " + line, e);
    }
  }
}
