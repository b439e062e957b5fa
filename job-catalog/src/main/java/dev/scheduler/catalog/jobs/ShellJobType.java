package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobRun;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.params.Param;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.catalog.params.ValueKinds;
import dev.scheduler.catalog.text.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a program on the node that runs the job, e.g. a backup script or a vendor's export tool, and
 * decides success by its exit code.
 *
 * <p>Only the configuration file decides what runs. The {@code command} is the program and its
 * arguments exactly as the configuration lists them, started directly, without a shell: write
 * {@code [/bin/sh, -c, "..."]} to get shell syntax. Nothing from the job data, a per-user schedule
 * or {@code jobs trigger --data} reaches the command line or the environment, and {@code {{...}}}
 * placeholders are not filled here: they are passed as they are written. The child learns which run
 * it is from the environment variables {@value #RUN_KEY_VARIABLE} (the same for every attempt of
 * one fire, to make its side effects idempotent) and {@value #JOB_VARIABLE}. Like every parameter,
 * {@code ${VAR}} references are resolved from the node's environment when the job runs; the child
 * inherits the node's environment, less the scheduler's own {@code SCHEDULER_*} settings (the
 * database password among them), plus {@code environment}.
 *
 * <p>The program's input is empty. Its standard output and error are merged and read as UTF-8 while
 * it runs, so it never blocks on a full pipe; only the last lines are kept. The result's summary
 * names the exit code, the run time and those lines. An exit code outside {@code successExitCodes}
 * fails the run with one line naming the code and the last output line.
 *
 * <p>When {@code timeout} passes or the run's thread is interrupted (the job's own timeout,
 * shutdown), the program and every process it started are asked to stop (SIGTERM), and killed
 * (SIGKILL) after a grace period of 5 seconds; an interruption then ends the run with an {@link
 * InterruptedException}. A process the program leaves in the background when it exits by itself is
 * not stopped; the run waits for its output at most {@link #OUTPUT_WAIT}.
 */
public final class ShellJobType implements JobType {

  /** The prefix of the node's own environment settings, which children do not inherit. */
  static final String SCHEDULER_PREFIX = "SCHEDULER_";

  /** The run key, for the child. */
  public static final String RUN_KEY_VARIABLE = "SCHEDULER_RUN_KEY";

  /** The job's name, for the child. */
  public static final String JOB_VARIABLE = "SCHEDULER_JOB";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
  public static final List<Integer> DEFAULT_SUCCESS_EXIT_CODES = List.of(0);
  public static final int DEFAULT_OUTPUT_TAIL = 20;

  /** How many lines {@code outputTail} may ask for. */
  static final int MAX_OUTPUT_TAIL = 1000;

  /** Characters of output kept at most, so the summary fits the history's note (4000). */
  static final int OUTPUT_TAIL_CHARS = 3000;

  /** How long a stopped process tree may take to exit before it is killed. */
  static final Duration DEFAULT_TERMINATION_GRACE = Duration.ofSeconds(5);

  /**
   * How long to wait for the rest of the output once the program has ended: a process it left in
   * the background may hold the output open indefinitely.
   */
  static final Duration OUTPUT_WAIT = Duration.ofSeconds(2);

  private static final int LAST_LINE_LENGTH = 200;

  public static final Param<List<String>> COMMAND =
      Param.required("command", ShellValueKinds.PROGRAM_AND_ARGUMENTS);
  public static final Param<Path> WORKING_DIRECTORY =
      Param.optional("workingDirectory", ShellValueKinds.EXISTING_DIRECTORY, null);
  public static final Param<Map<String, String>> ENVIRONMENT =
      Param.optional("environment", ShellValueKinds.ENVIRONMENT_MAP, Map.of());
  public static final Param<Duration> TIMEOUT =
      Param.optional("timeout", ShellValueKinds.POSITIVE_DURATION, DEFAULT_TIMEOUT);
  public static final Param<List<Integer>> SUCCESS_EXIT_CODES =
      Param.optional("successExitCodes", ShellValueKinds.EXIT_CODES, DEFAULT_SUCCESS_EXIT_CODES);
  public static final Param<Integer> OUTPUT_TAIL =
      Param.optional("outputTail", ValueKinds.integer(0, MAX_OUTPUT_TAIL), DEFAULT_OUTPUT_TAIL);

  private static final ParamSpec PARAMS =
      ParamSpec.of(
          "shell",
          COMMAND,
          WORKING_DIRECTORY,
          ENVIRONMENT,
          TIMEOUT,
          SUCCESS_EXIT_CODES,
          OUTPUT_TAIL);

  private final Duration terminationGrace;

  public ShellJobType() {
    this(DEFAULT_TERMINATION_GRACE);
  }

  /**
   * @param terminationGrace how long a stopped process tree may take to exit before it is killed
   */
  ShellJobType(Duration terminationGrace) {
    this.terminationGrace = Objects.requireNonNull(terminationGrace);
  }

  @Override
  public String name() {
    return "shell";
  }

  @Override
  public String summary() {
    return "runs a program from the configuration and checks its exit code";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public JobAction create(Params params) {
    return run -> execute(params, run);
  }

  private JobResult execute(Params params, JobRun run) throws Exception {
    List<String> command = params.get(COMMAND);
    // Messages name the program only: arguments may carry a resolved secret.
    String program = command.get(0);
    Duration timeout = params.get(TIMEOUT);
    List<Integer> successCodes = params.get(SUCCESS_EXIT_CODES);

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Path directory = params.get(WORKING_DIRECTORY);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    prepareEnvironment(builder.environment(), params.get(ENVIRONMENT), run);

    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      throw new ShellCommandException(
          "could not start "
              + program
              + (directory == null ? "" : " in " + directory)
              + ": "
              + reason);
    }
    OutputTail output = new OutputTail(params.get(OUTPUT_TAIL), OUTPUT_TAIL_CHARS);
    Thread reader = startReading(process.getInputStream(), output, run.jobName());
    // Nothing is written to the program: it reads end of input at once instead of waiting.
    closeQuietly(process.getOutputStream());

    boolean exited = false;
    try {
      exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } finally {
      if (!exited) {
        // Timed out, interrupted, or something unexpected: nothing of the run may outlive it.
        ProcessTree.terminate(process.toHandle(), terminationGrace);
      }
    }
    reader.join(OUTPUT_WAIT.toMillis());
    long millis = (System.nanoTime() - started) / 1_000_000;
    String lastLine = excerpt(output.lastLine());

    if (!exited) {
      throw new ShellCommandException(
          program
              + " timed out after "
              + Durations.format(timeout)
              + " and was stopped with its child processes"
              + (lastLine.isEmpty() ? "" : "; last output: " + lastLine));
    }
    int exitCode = process.exitValue();
    if (!successCodes.contains(exitCode)) {
      throw new ShellCommandException(
          program
              + " exited with code "
              + exitCode
              + ", expected "
              + successCodes.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + (lastLine.isEmpty() ? "" : ": " + lastLine));
    }
    String tail = output.text();
    return JobResult.of(
        "exit " + exitCode + " in " + millis + " ms" + (tail.isEmpty() ? "" : ": " + tail));
  }

  /**
   * The child's environment: the node's, less the node's own settings (its database password among
   * them: a job that needs one passes it on through {@code environment}), plus the configured
   * variables and the run's key and job name.
   */
  static void prepareEnvironment(
      Map<String, String> environment, Map<String, String> configured, JobRun run) {
    environment.keySet().removeIf(name -> name.startsWith(SCHEDULER_PREFIX));
    environment.putAll(configured);
    environment.put(RUN_KEY_VARIABLE, run.runKey());
    environment.put(JOB_VARIABLE, run.jobName());
  }

  private static Thread startReading(InputStream stream, OutputTail output, String jobName) {
    Thread reader =
        new Thread(
            () -> {
              try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                int count;
                while ((count = in.read(buffer)) != -1) {
                  output.append(buffer, 0, count);
                }
              } catch (IOException e) {
                // The stream closed under the reader: the output ends here, the run goes on.
              }
            },
            "shell-output-" + jobName);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // The program has already closed its input; nothing to tell it.
    }
  }

  private static String excerpt(String line) {
    return line.length() <= LAST_LINE_LENGTH ? line : line.substring(0, LAST_LINE_LENGTH) + "…";
  }

  /** A run that failed: the program could not start, timed out, or exited with another code. */
  public static final class ShellCommandException extends Exception {
    ShellCommandException(String message) {
      super(message);
    }
  }
}
