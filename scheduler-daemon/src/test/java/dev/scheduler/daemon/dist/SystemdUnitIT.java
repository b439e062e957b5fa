package dev.scheduler.daemon.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.daemon.cli.ExitCode;
import dev.scheduler.daemon.config.NodeConfig;
import dev.scheduler.daemon.testing.CliProcess;
import dev.scheduler.daemon.testing.Distribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd unit of the distribution: systemd accepts it, and it fits the node's behaviour. */
class SystemdUnitIT {

  /** What the node needs after shutdownTimeout: 5 s for interrupted jobs, 10 s for the history. */
  private static final Duration DRAIN_MARGIN = Duration.ofSeconds(15);

  @TempDir Path directory;

  @Test
  void systemdAnalyzeVerifiesTheUnitWithItsPathsInAnInstallation() throws IOException {
    Path home = Distribution.install(directory.resolve("opt/scheduler"), directory);
    String unit =
        Files.readString(home.resolve("config/systemd/scheduler.service"))
            .replace(
                "/etc/scheduler/scheduler.yaml", home.resolve("config/scheduler.yaml").toString())
            .replace("/opt/scheduler", home.toString());
    Path copy = Files.writeString(directory.resolve("scheduler.service"), unit);

    CliProcess.Result verify =
        CliProcess.run(new ProcessBuilder(systemdAnalyze(), "verify", copy.toString()), directory);

    String output = verify.out() + verify.err();
    assertThat(verify.exitCode()).as(output).isZero();
    // verify exits 0 on unknown keys and bad values too; it only warns, naming the unit.
    assertThat(output).as("systemd-analyze verify's warnings").doesNotContain("scheduler.service");
  }

  @Test
  void theUnitFitsTheNodesReadinessDrainAndExitCodes() throws IOException {
    List<String> unit = Files.readAllLines(Path.of("..", "config", "systemd", "scheduler.service"));

    assertThat(unit).contains("Type=notify", "NotifyAccess=all", "KillSignal=SIGTERM");
    assertThat(unit).contains("RestartPreventExitStatus=" + ExitCode.INVALID_CONFIG.code());
    Duration stopTimeout = Duration.ofSeconds(Long.parseLong(setting(unit, "TimeoutStopSec")));
    assertThat(stopTimeout).isGreaterThan(NodeConfig.DEFAULT_SHUTDOWN_TIMEOUT.plus(DRAIN_MARGIN));
  }

  private static String setting(List<String> unit, String key) {
    return unit.stream()
        .filter(line -> line.startsWith(key + "="))
        .map(line -> line.substring(key.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the unit has no " + key + "="));
  }

  /** systemd-analyze, which this test needs: it fails, never skips, without it. */
  private static String systemdAnalyze() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":"))
        .map(directory -> Path.of(directory, "systemd-analyze"))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(
            () ->
                new AssertionError(
                    "systemd-analyze is not on the PATH ("
                        + path
                        + "); install systemd (Debian/Ubuntu: apt-get install systemd) so this"
                        + " test can check the unit"));
  }
}
