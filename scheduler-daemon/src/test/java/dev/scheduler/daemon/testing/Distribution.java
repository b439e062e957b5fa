package dev.scheduler.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The distribution archive the build made, installed and run as an operator would. */
public final class Distribution {

  private static final String ARCHIVE_GLOB = "scheduler-*-dist.tar.gz";

  private Distribution() {}

  /** The archive beside the built jar; integration tests run after {@code package}. */
  public static Path archive() {
    Path target = NodeProcess.jar().getParent();
    List<Path> archives = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(target, ARCHIVE_GLOB)) {
      files.forEach(archives::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (archives.size() != 1) {
      throw new IllegalStateException(
          "expected one "
              + ARCHIVE_GLOB
              + " in "
              + target
              + ", found "
              + archives
              + "; run the integration tests through `./mvnw verify`, which builds it");
    }
    return archives.get(0);
  }

  /**
   * Unpacks the archive into {@code home} as the README says ({@code tar --strip-components=1},
   * which keeps the files' modes) and returns it.
   */
  public static Path install(Path home, Path workDir) {
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder tar =
        new ProcessBuilder(
            "tar", "-xzf", archive().toString(), "-C", home.toString(), "--strip-components=1");
    CliProcess.Result result = CliProcess.run(tar, workDir);
    if (result.exitCode() != 0) {
      throw new AssertionError("tar could not unpack " + archive() + ": " + result.err());
    }
    return home;
  }

  /**
   * Runs the installation's {@code bin/scheduler} in {@code workDir} with this JVM as JAVA_HOME,
   * small JVM options in JAVA_OPTS, and no SCHEDULER_CONFIG.
   */
  public static CliProcess.Result run(Path launcher, Path workDir, String... args) {
    return runWith("-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", launcher, workDir, args);
  }

  /** As {@link #run}, with these JVM options in JAVA_OPTS. */
  public static CliProcess.Result runWith(
      String javaOpts, Path launcher, Path workDir, String... args) {
    ProcessBuilder builder = new ProcessBuilder(launcher.toString()).directory(workDir.toFile());
    builder.command().addAll(List.of(args));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS", javaOpts);
    builder.environment().remove("SCHEDULER_CONFIG");
    return CliProcess.run(builder, workDir);
  }
}
