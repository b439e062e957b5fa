package dev.scheduler.catalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobRun;
import dev.scheduler.catalog.JobTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell job type, running real processes. */
class ShellJobTypeTest {

  private static final JobRun RUN =
      new JobRun(
          "backup",
          "backup@2026-03-08T01:00:00Z",
          Instant.parse("2026-03-08T01:00:00Z"),
          1,
          false,
          Map.of("userId", "42; rm -rf /"),
          Clock.systemUTC());

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ShellJobType type = new ShellJobType();

  @TempDir Path directory;

  @Test
  void succeedsWithTheExitCodeAndTheTailOfTheMergedOutput() throws Exception {
    String summary =
        action(
                Map.of(
                    "command",
                    sh("for i in 1 2 3 4 5; do echo line $i; done; echo warning >&2; echo"),
                    "outputTail",
                    3))
            .run(RUN)
            .summary();

    assertThat(summary).matches("exit 0 in \\d+ ms: line 4 ⏎ line 5 ⏎ warning");
  }

  @Test
  void reportsNoOutputWhenThereIsNone() throws Exception {
    assertThat(action(Map.of("command", List.of("true"))).run(RUN).summary())
        .matches("exit 0 in \\d+ ms");
  }

  @Test
  void readsOutputLargerThanThePipeWhileTheProgramRuns() throws Exception {
    String summary =
        action(Map.of("command", sh("yes output | head -n 200000; echo done"), "outputTail", 2))
            .run(RUN)
            .summary();

    assertThat(summary).endsWith(": output ⏎ done");
  }

  @Test
  void endsWhenTheProgramEndsEvenIfABackgroundProcessKeepsTheOutputOpen() throws Exception {
    Path pidFile = directory.resolve("sleep.pid");
    try {
      String summary =
          action(Map.of("command", sh("sleep 30 & " + writePid("$!", pidFile) + "; echo done")))
              .run(RUN)
              .summary();

      assertThat(summary).endsWith(": done");
    } finally {
      ProcessHandle.of(readPid(pidFile)).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aFailingExitCodeFailsTheRunNamingTheCodeAndTheLastLine() {
    assertThatThrownBy(
            () ->
                action(Map.of("command", sh("echo working; echo disk full >&2; exit 3; echo")))
                    .run(RUN))
        .isInstanceOf(ShellJobType.ShellCommandException.class)
        .hasMessage("/bin/sh exited with code 3, expected 0: disk full");
  }

  @Test
  void acceptsTheExitCodesItIsTold() throws Exception {
    assertThat(
            action(Map.of("command", sh("exit 3"), "successExitCodes", List.of(0, 3)))
                .run(RUN)
                .summary())
        .startsWith("exit 3 in ");
    assertThatThrownBy(
            () ->
                action(Map.of("command", sh("exit 0"), "successExitCodes", List.of(1, 2))).run(RUN))
        .hasMessage("/bin/sh exited with code 0, expected 1, 2");
  }

  @Test
  void runsInTheWorkingDirectory() throws Exception {
    String summary =
        action(
                Map.of(
                    "command",
                    sh("pwd -P; echo made > marker"),
                    "workingDirectory",
                    directory.toString()))
            .run(RUN)
            .summary();

    assertThat(summary).endsWith(": " + directory.toRealPath());
    assertThat(directory.resolve("marker")).hasContent("made");
  }

  @Test
  void passesTheEnvironmentTheRunKeyAndTheJobName() throws Exception {
    String summary =
        action(
                Map.of(
                    "command",
                    sh("echo \"$GREETING|$SCHEDULER_JOB|$SCHEDULER_RUN_KEY|${PATH:+inherited}\""),
                    "environment",
                    Map.of("GREETING", "hello world")))
            .run(RUN)
            .summary();

    assertThat(summary).endsWith(": hello world|backup|backup@2026-03-08T01:00:00Z|inherited");
  }

  @Test
  void theNodesOwnSettingsAreNotInheritedButConfiguredOnesAre() {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", "/usr/bin");
    environment.put("SCHEDULER_DB_PASSWORD", "hunter2");
    environment.put("SCHEDULER_CONFIG", "/etc/scheduler/scheduler.yaml");

    ShellJobType.prepareEnvironment(environment, Map.of("SCHEDULER_TARGET", "eu"), RUN);

    assertThat(environment)
        .containsOnly(
            entry("PATH", "/usr/bin"),
            entry("SCHEDULER_TARGET", "eu"),
            entry("SCHEDULER_RUN_KEY", "backup@2026-03-08T01:00:00Z"),
            entry("SCHEDULER_JOB", "backup"));
  }

  @Test
  void passesArgumentsAsWrittenWithoutAShellOrPlaceholders() throws Exception {
    String summary =
        action(Map.of("command", List.of("echo", "{{data.userId}}", "$HOME", "a;b")))
            .run(RUN)
            .summary();

    assertThat(summary).endsWith(": {{data.userId}} $HOME a;b");
  }

  @Test
  void aProgramThatCannotStartFailsTheRunSayingWhy() {
    Path missing = directory.resolve("missing-program");

    assertThatThrownBy(() -> action(Map.of("command", List.of(missing.toString()))).run(RUN))
        .isInstanceOf(ShellJobType.ShellCommandException.class)
        .hasMessage("could not start " + missing + ": error=2, No such file or directory");
  }

  @Test
  void aTimeoutStopsTheProgramAndTheProcessesItStarted() throws Exception {
    Path pidFile = directory.resolve("sleep.pid");
    JobAction action =
        action(
            Map.of(
                "command",
                sh("echo started; sleep 30 & " + writePid("$!", pidFile) + "; wait"),
                "timeout",
                "2s"));

    assertThatThrownBy(() -> action.run(RUN))
        .isInstanceOf(ShellJobType.ShellCommandException.class)
        .hasMessage(
            "/bin/sh timed out after 2s and was stopped with its child processes;"
                + " last output: started");
    long sleepPid = readPid(pidFile);
    await().atMost(PATIENCE).until(() -> isGone(sleepPid));
  }

  @Test
  void anInterruptionStopsTheProgramAndTheProcessesItStarted() throws Exception {
    Path pidFile = directory.resolve("sleep.pid");
    JobAction action =
        action(Map.of("command", sh("sleep 30 & " + writePid("$!", pidFile) + "; wait")));

    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread runner = runInThread(action, outcome);
    await().atMost(PATIENCE).until(() -> Files.exists(pidFile));
    runner.interrupt();

    assertThat(outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(InterruptedException.class);
    long sleepPid = readPid(pidFile);
    await().atMost(PATIENCE).until(() -> isGone(sleepPid));
  }

  @Test
  void processesThatIgnoreTheRequestToStopAreKilledAfterTheGracePeriod() throws Exception {
    ShellJobType impatient = new ShellJobType(Duration.ofMillis(200));
    Path shellPidFile = directory.resolve("sh.pid");
    Path sleepPidFile = directory.resolve("sleep.pid");
    // An ignored signal stays ignored in the background sleep too.
    JobAction action =
        impatient.create(
            impatient
                .params()
                .bind(
                    Map.of(
                        "command",
                        sh(
                            "trap '' TERM; sleep 30 & "
                                + writePid("$!", sleepPidFile)
                                + "; "
                                + writePid("$$", shellPidFile)
                                + "; wait; wait"))));

    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread runner = runInThread(action, outcome);
    await().atMost(PATIENCE).until(() -> Files.exists(shellPidFile));
    runner.interrupt();

    assertThat(outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(InterruptedException.class);
    long shellPid = readPid(shellPidFile);
    long sleepPid = readPid(sleepPidFile);
    await().atMost(PATIENCE).until(() -> isGone(shellPid) && isGone(sleepPid));
  }

  @Test
  void reportsInvalidParametersOnOneLineEach() {
    Path missing = directory.resolve("missing");

    assertThat(
            type.params()
                .validate(
                    Map.of(
                        "command",
                        "backup.sh --full",
                        "workingDirectory",
                        missing.toString(),
                        "environment",
                        Map.of("SCHEDULER_RUN_KEY", "x"),
                        "timeout",
                        "0s",
                        "successExitCodes",
                        List.of(0, 256),
                        "outputTail",
                        -1)))
        .containsExactly(
            "command: 'backup.sh --full' is a text; write the program and its arguments as a list"
                + " such as [/usr/local/bin/backup, --full], or [/bin/sh, -c, 'backup.sh --full']"
                + " for shell syntax",
            "workingDirectory: '" + missing + "' is not an existing directory on this host",
            "environment: SCHEDULER_RUN_KEY is set by the scheduler for every run; choose another"
                + " name",
            "timeout: '0s' is no time at all; use a duration above zero such as 30m",
            "successExitCodes: 256 is out of range; use a whole number from 0 to 255",
            "outputTail: -1 is out of range; use a whole number from 0 to 1000");
    assertThat(
            type.params()
                .validate(
                    Map.of(
                        "command",
                        List.of(),
                        "workingDirectory",
                        "relative/dir",
                        "environment",
                        Map.of("A=B", "x"),
                        "successExitCodes",
                        0)))
        .containsExactly(
            "command: the list is empty; name at least the program",
            "workingDirectory: 'relative/dir' is not an absolute path; write the full path, such"
                + " as /srv/app",
            "environment: 'A=B' is not an environment variable name (empty, or has = or NUL)",
            "successExitCodes: expected a list of exit codes from 0 to 255, such as [0, 1], not"
                + " '0'");
  }

  @Test
  void aMissingCommandOrDirectoryFailsBindingWithOneLine() throws IOException {
    Path file = Files.writeString(directory.resolve("file"), "x");

    assertThatThrownBy(() -> type.params().bind(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid parameters for job type shell: command: required (a list of the program and"
                + " its arguments, such as [/usr/local/bin/backup, --full])");
    assertThatThrownBy(
            () ->
                type.params()
                    .bind(Map.of("command", List.of("true"), "workingDirectory", file.toString())))
        .hasMessage(
            "invalid parameters for job type shell: workingDirectory: '"
                + file
                + "' is not an existing directory on this host (it is a file)");
  }

  @Test
  void describesItsDefaults() {
    assertThat(type.params().describe(type.params().bind(Map.of("command", List.of("true")))))
        .containsExactly(
            entry("command", List.of("true")),
            entry("workingDirectory", null),
            entry("environment", Map.of()),
            entry("timeout", "1h"),
            entry("successExitCodes", List.of(0)),
            entry("outputTail", 20));
  }

  @Test
  void isBuiltIn() {
    assertThat(JobTypes.builtIn().find("shell")).containsInstanceOf(ShellJobType.class);
  }

  private JobAction action(Map<String, Object> params) {
    return type.create(type.params().bind(params));
  }

  private static List<String> sh(String script) {
    return List.of("/bin/sh", "-c", script);
  }

  /** Shell code that writes a pid to a file atomically, so a reader never sees half of it. */
  private static String writePid(String pid, Path file) {
    return "echo " + pid + " > '" + file + ".tmp' && mv '" + file + ".tmp' '" + file + "'";
  }

  private static long readPid(Path file) throws IOException {
    return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
  }

  private static boolean isGone(long pid) {
    return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
  }

  private static Thread runInThread(JobAction action, CompletableFuture<Throwable> outcome) {
    Thread runner =
        new Thread(
            () -> {
              try {
                action.run(RUN);
                outcome.complete(null);
              } catch (Throwable e) {
                outcome.complete(e);
              }
            });
    runner.start();
    return runner;
  }
}
