package dev.scheduler.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes and one-line errors, no database needed. */
class SchedulerCliTest {

  @TempDir Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void anUnknownOptionIsAUsageError() {
    int code = run(Map.of(), "history", "--limt", "5");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: Unknown options: '--limt', '5'")
        .contains("see `scheduler history --help`");
  }

  @Test
  void generatesAShellCompletionScriptForEveryCommand() {
    assertThat(run(Map.of(), "generate-completion")).isZero();
    assertThat(out.toString())
        .contains("complete -F _complete_scheduler")
        .contains("jobs")
        .contains("trigger")
        .contains("--until")
        .contains("audit");
  }

  @Test
  void jobsWithoutAVerbIsAUsageError() {
    assertThat(run(Map.of(), "jobs")).isEqualTo(2);
    assertThat(err.toString())
        .contains("error: say what to do with jobs: list, pause, resume or trigger");
  }

  @Test
  void pauseNeedsExactlyOneSelection() throws Exception {
    Path config = Files.writeString(directory.resolve("s.yaml"), "");
    assertThat(run(Map.of(), "jobs", "pause", "--config", config.toString(), "a", "--all"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("error: name exactly one of: a JOB, --group GROUP, or --all");
  }

  @Test
  void anInvalidConfigurationExitsWith3AndListsEveryProblem() throws Exception {
    Path config =
        Files.writeString(
            directory.resolve("s.yaml"), "node:\n  threads: many\njobs:\n  a: { type: noopp }\n");

    int code = run(Map.of(), "check-config", "--config", config.toString());

    assertThat(code).isEqualTo(3);
    assertThat(err.toString().lines())
        .containsExactly(
            "error: " + config + ":2: node.threads: 'many' is not a whole number",
            "error: "
                + config
                + ":4: jobs.a.type: unknown job type 'noopp' (did you mean noop?); known types:"
                + " noop, sleep, fail, http, shell, sql, history-retention, report",
            "error: the configuration has 2 problems; fix them and run `scheduler check-config`");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void checkConfigPrintsTheEffectiveConfiguration() throws Exception {
    Path config =
        Files.writeString(
            directory.resolve("s.yaml"),
            "jobs:\n  a: { type: noop, schedule: { cron: \"0 * * * * ?\" } }\n");

    assertThat(run(Map.of(), "check-config", "--config", config.toString())).isZero();
    assertThat(out.toString())
        .startsWith("# " + config + " is valid: 1 jobs")
        .contains("timezone: UTC");
  }

  @Test
  void theConfigFileComesFromTheEnvironmentWhenNotGiven() throws Exception {
    Path config = Files.writeString(directory.resolve("env.yaml"), "node: { threads: 3 }\n");

    assertThat(run(Map.of("SCHEDULER_CONFIG", config.toString()), "check-config")).isZero();
    assertThat(out.toString()).contains("threads: 3");
  }

  @Test
  void anUnreachableDatabaseExitsWith4WithOneLine() throws Exception {
    Path config =
        Files.writeString(
            directory.resolve("s.yaml"),
            "database:\n  url: jdbc:postgresql://127.0.0.1:1/scheduler\n");

    int code = run(Map.of(), "status", "--config", config.toString());

    assertThat(code).isEqualTo(4);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: database unreachable at 127.0.0.1:1 (connection refused); is PostgreSQL"
                + " running?");
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String[] command :
        new String[][] {
          {"run"},
          {"check-config"},
          {"migrate"},
          {"status"},
          {"history"},
          {"jobs", "list"},
          {"jobs", "pause"},
          {"jobs", "resume"},
          {"jobs", "trigger"}
        }) {
      StringWriter help = new StringWriter();
      var commandLine = SchedulerCli.create(context(Map.of(), help));
      String[] args =
          java.util.stream.Stream.concat(
                  java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
              .toArray(String[]::new);
      assertThat(commandLine.execute(args)).as(String.join(" ", command)).isZero();
      assertThat(help.toString())
          .as(String.join(" ", command))
          .contains("Usage:")
          .contains("Examples:");
    }
  }

  private int run(Map<String, String> environment, String... args) {
    return SchedulerCli.create(context(environment, out)).execute(args);
  }

  private CliContext context(Map<String, String> environment, StringWriter output) {
    return new CliContext(
        Environment.of(environment),
        JobTypes.builtIn(),
        Clock.systemUTC(),
        new PrintWriter(output, true),
        new PrintWriter(err, true));
  }
}
