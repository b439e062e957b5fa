package dev.scheduler.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one command of the built jar, as an operator's shell would, and collects its output. */
public final class CliProcess {

  private CliProcess() {}

  public static Result run(Path workDir, Map<String, String> environment, String... args) {
    ProcessBuilder builder =
        new ProcessBuilder(NodeProcess.javaCommand(args)).directory(workDir.toFile());
    builder.environment().putAll(environment);
    return run(builder, workDir);
  }

  /** Runs any command to its end, its output collected in files under {@code workDir}. */
  public static Result run(ProcessBuilder builder, Path workDir) {
    String command = String.join(" ", builder.command());
    try {
      Path out = Files.createTempFile(workDir, "cli-", ".out");
      Path err = Files.createTempFile(workDir, "cli-", ".err");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What a command did. */
  public record Result(int exitCode, String out, String err) {}
}
