package dev.scheduler.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.daemon.testing.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under systemd ({@code NOTIFY_SOCKET} set) {@code run} reports READY=1 once the node is ready and
 * STOPPING=1 when SIGTERM drains it, through {@code systemd-notify}: here a stand-in on the PATH
 * that records its arguments and what the node had logged when it was called.
 */
class SystemdNotifyIT {

  @TempDir Path directory;

  @Test
  void reportsReadyAfterTheNodeIsReadyAndStoppingWhenSigtermDrainsIt() throws IOException {
    Path calls = directory.resolve("systemd-notify.calls");
    Path bin = fakeSystemdNotify(calls);
    Path config =
        Files.writeString(
            directory.resolve("scheduler.yaml"),
            """
            node: { shutdownTimeout: 30s }
            jobs:
              idle: { type: noop }
            """);
    Map<String, String> environment =
        Map.of(
            "NOTIFY_SOCKET",
            directory.resolve("notify.sock").toString(),
            "PATH",
            bin + ":" + System.getenv("PATH"),
            "SCHEDULER_NODE_ID",
            "notified");

    try (NodeProcess node = NodeProcess.start("node", directory, config, environment)) {
      node.awaitReady();
      await("READY=1 to reach systemd-notify")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.exists(calls) && Files.readString(calls).contains("READY=1"));
      assertThat(node.terminate(Duration.ofSeconds(60))).isZero();
    }

    assertThat(Files.readAllLines(calls))
        .containsExactly(
            "logged ready: yes, logged stopped: no | READY=1 STATUS=node notified ready",
            "logged ready: yes, logged stopped: no | STOPPING=1 STATUS=node notified stopping:"
                + " no new fires; waiting at most 30 s for running jobs");
  }

  /**
   * A systemd-notify that appends a line per call: whether the node's log (node-*.log in the test
   * directory) said "ready" and "stopped" by then, and the arguments.
   */
  private Path fakeSystemdNotify(Path calls) throws IOException {
    Path bin = Files.createDirectories(directory.resolve("bin"));
    Path script = bin.resolve("systemd-notify");
    Files.writeString(
        script,
        """
        #!/bin/sh
        logged() { if grep -q "$1" "%1$s"/node-*.log; then echo yes; else echo no; fi; }
        ready=$(logged ' ready: ')
        stopped=$(logged ' stopped in ')
        echo "logged ready: $ready, logged stopped: $stopped | $*" >> "%2$s"
        """
            .formatted(directory, calls));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }
}
