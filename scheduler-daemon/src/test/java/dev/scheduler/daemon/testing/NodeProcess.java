package dev.scheduler.daemon.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real process of the built jar, started as an operator would, and stopped with real signals:
 * SIGTERM ({@link #terminate}) or SIGKILL ({@link #kill}).
 */
public final class NodeProcess implements AutoCloseable {

  private static final Pattern HTTP_ADDRESS =
      Pattern.compile("serving metrics and health at http://\\S+:(\\d+) ");

  private final String name;
  private final Process process;
  private final Path log;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The jar the build made; integration tests run after {@code package}. */
  public static Path jar() {
    String property = System.getProperty("scheduler.jar");
    Path jar = property == null ? null : Path.of(property);
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the built jar "
              + (jar == null ? "scheduler-daemon/target/scheduler.jar" : jar)
              + " is missing; run the integration tests through `./mvnw verify`, which builds"
              + " it first");
    }
    return jar;
  }

  /** The JVM options for test processes: small and quick to start on a 2-core machine. */
  static List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Starts {@code scheduler run} in {@code workDir} with the given environment additions. */
  public static NodeProcess start(
      String name, Path workDir, Path config, Map<String, String> environment) {
    try {
      Path log = Files.createTempFile(workDir, name + "-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(javaCommand("run", "--config", config.toString()))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new NodeProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the node to say it is ready, failing early if it exits. */
  public NodeProcess awaitReady() {
    return awaitLog(" ready: ", Duration.ofSeconds(60));
  }

  public NodeProcess awaitLog(String text, Duration timeout) {
    await("node " + name + " to log '" + text + "'")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive() && !log().contains(text)) {
                throw new IllegalStateException(
                    "node " + name + " exited with " + process.exitValue() + ":\n" + log());
              }
              return log().contains(text);
            });
    return this;
  }

  /** Sends SIGTERM and waits for the exit code. */
  public int terminate(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  /** Sends SIGKILL: the node dies at once, as in a crash. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "node " + name + " did not exit within " + timeout + ":\n" + log());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + name, e);
    }
  }

  /** The port of the node's metrics and health endpoints, from its log line; once it is ready. */
  public int httpPort() {
    Matcher line = HTTP_ADDRESS.matcher(log());
    if (!line.find()) {
      throw new AssertionError("node " + name + " logged no metrics address:\n" + log());
    }
    return Integer.parseInt(line.group(1));
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
