package dev.scheduler.bench;

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

/** A scheduler node as a real process of its own, started and stopped with real signals. */
final class NodeProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static NodeProcess start(
      String name,
      Path workDir,
      List<String> javaArgs,
      Map<String, String> environment,
      String readyLine) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // As the distribution's bin/scheduler starts a node: the quick JIT compiler only. Stock Quartz
    // nodes get the same, so that both run on the same JVM.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(javaArgs);
    try {
      Path log = Files.createTempFile(workDir, name + "-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      NodeProcess node = new NodeProcess(name, builder.start(), log);
      node.awaitLog(readyLine, Duration.ofSeconds(90));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log().contains(text)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ":\n" + log());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not say '" + text + "' in time:\n" + log());
      }
      Waits.pause(50);
    }
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: dies at once, as in a crash. */
  void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM, then waits for the exit. */
  void stop() {
    process.destroy();
    if (!waitFor(Duration.ofSeconds(90))) {
      process.destroyForcibly();
    }
  }

  /** Resident memory, from the kernel, in MiB. */
  long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** Java heap in use after a full collection, in MiB, from jcmd. */
  long heapUsedMiB() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), "GC.run").start();
      gc.waitFor(30, TimeUnit.SECONDS);
      Process info =
          new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), "GC.heap_info")
              .redirectErrorStream(true)
              .start();
      String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      info.waitFor(30, TimeUnit.SECONDS);
      java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(text);
      long total = 0;
      while (used.find()) {
        total += Long.parseLong(used.group(1));
      }
      return total / 1024;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
    }
  }
}
