package dev.scheduler.daemon.dist;

import static java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.daemon.testing.CliProcess;
import dev.scheduler.daemon.testing.Distribution;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution archive unpacks to an installation that runs from anywhere. */
class DistributionIT {

  @TempDir static Path directory;
  static Path home;

  @BeforeAll
  static void install() {
    home = Distribution.install(directory.resolve("opt/scheduler"), directory);
  }

  @Test
  void theArchiveHoldsTheLauncherTheJarTheConfigurationAndTheReadme() throws Exception {
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/scheduler")))
        .contains(OWNER_EXECUTE, GROUP_EXECUTE, OTHERS_EXECUTE);
    assertThat(home.resolve("lib/scheduler.jar")).isRegularFile();
    assertThat(home.resolve("config/scheduler.yaml"))
        .hasSameTextualContentAs(Path.of("..", "config", "scheduler.yaml"));
    assertThat(home.resolve("config/logback.xml"))
        .hasSameTextualContentAs(Path.of("..", "config", "logback.xml"));
    assertThat(home.resolve("config/systemd/scheduler.service"))
        .hasSameTextualContentAs(Path.of("..", "config", "systemd", "scheduler.service"));
    assertThat(home.resolve("README.md")).hasSameTextualContentAs(Path.of("..", "README.md"));
  }

  @Test
  void theLauncherRunsCommandsWithTheBundledConfigurationFromAnyDirectory() throws Exception {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));

    CliProcess.Result help = Distribution.run(home.resolve("bin/scheduler"), elsewhere, "--help");
    assertThat(help.exitCode()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: scheduler");

    CliProcess.Result check =
        Distribution.run(home.resolve("bin/scheduler"), elsewhere, "check-config");
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out())
        .startsWith("# " + home.resolve("config/scheduler.yaml").toRealPath() + " is valid: ");
  }

  @Test
  void theLauncherFindsItsInstallationThroughASymlink() throws Exception {
    Path link =
        Files.createSymbolicLink(
            Files.createDirectories(directory.resolve("usr/local/bin")).resolve("scheduler"),
            home.resolve("bin/scheduler"));

    CliProcess.Result check = Distribution.run(link, directory, "check-config");
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out())
        .startsWith("# " + home.resolve("config/scheduler.yaml").toRealPath() + " is valid: ");
  }

  @Test
  void theLauncherStartsTheQuickCompilerOnlyUnlessJavaOptsChooses() throws Exception {
    CliProcess.Result byDefault =
        Distribution.runWith(
            "-XX:+PrintFlagsFinal", home.resolve("bin/scheduler"), directory, "--help");
    assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
    assertThat(byDefault.out()).containsPattern("TieredStopAtLevel\\s+= 1 ");

    CliProcess.Result chosen =
        Distribution.runWith(
            "-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=4",
            home.resolve("bin/scheduler"),
            directory,
            "--help");
    assertThat(chosen.exitCode()).as(chosen.err()).isZero();
    assertThat(chosen.out()).containsPattern("TieredStopAtLevel\\s+= 4 ");
  }
}
