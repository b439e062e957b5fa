package dev.scheduler.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.daemon.testing.CliProcess;
import dev.scheduler.daemon.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart: the repository's own config/scheduler.yaml on the embedded store, operated with
 * the CLI while the node runs, stopped with SIGTERM.
 */
class EmbeddedQuickstartIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  @Test
  void theQuickstartRunsItsDemoJobsOnTheEmbeddedStore() throws Exception {
    Path config = directory.resolve("config/scheduler.yaml");
    Files.createDirectories(config.getParent());
    Files.copy(Path.of("..", "config", "scheduler.yaml"), config);

    // Any free port for the metrics: the quickstart's default port may be taken on this machine.
    try (NodeProcess node =
        NodeProcess.start("embedded", directory, config, Map.of("SCHEDULER_HTTP_PORT", "0"))) {
      node.awaitReady();
      assertThat(node.log()).contains("using the embedded store at " + directory.resolve("data"));

      await("the demo jobs to run")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> history().size() >= 2);
      JsonNode first = history().get(0);
      for (String field :
          new String[] {
            "id",
            "job",
            "trigger",
            "node",
            "scheduledAt",
            "startedAt",
            "finishedAt",
            "status",
            "attempt",
            "manual",
            "errorClass",
            "errorMessage"
          }) {
        assertThat(first.has(field)).as("history field %s", field).isTrue();
      }

      CliProcess.Result second =
          CliProcess.run(
              directory,
              Map.of("SCHEDULER_NODE_ID", "second", "SCHEDULER_HTTP_PORT", "0"),
              "run",
              "--config",
              config.toString());
      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.err()).contains("the embedded store is single-node");

      assertThat(node.terminate(Duration.ofSeconds(40))).isZero();
    }
  }

  private JsonNode history() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            directory,
            Map.of(),
            "history",
            "--status",
            "SUCCEEDED",
            "--json",
            "--config",
            directory.resolve("config/scheduler.yaml").toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    return JSON.readTree(result.out());
  }
}
