package dev.scheduler.daemon.cli;

import dev.scheduler.catalog.text.Durations;
import dev.scheduler.daemon.history.Execution;
import dev.scheduler.daemon.node.NodeIdentity;
import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.JobOperations.TriggeredRun;
import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.ops.RunWaiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
    name = "trigger",
    description = {
      "Run a job now on some live node, even if it is paused.",
      "The run is stored in the database and the live nodes are woken at once (LISTEN/NOTIFY).",
      "With --wait, wait for its outcome (retries and a recovery re-run included) and exit 0 if it"
          + " succeeded, 1 if not or if --timeout passed first."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler jobs trigger nightly-report",
      "  scheduler jobs trigger user-digest --data userId=42",
      "  scheduler jobs trigger nightly-report --wait --timeout 30m"
    })
final class JobsTriggerCommand extends CommandBase implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "JOB", description = "The job's name.")
  String job;

  @Option(
      names = "--data",
      paramLabel = "KEY=VALUE",
      description = "Job data for this run; repeat for more.")
  Map<String, String> data = new LinkedHashMap<>();

  @Option(names = "--wait", description = "Wait for the run's outcome and exit with it.")
  boolean await;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).",
      defaultValue = "1h")
  String timeout;

  @Override
  public Integer call() {
    Duration limit = waitLimit();
    try (OperatorSession session = openSession()) {
      TriggeredRun run = new JobOperations(session).trigger(job, data, NodeIdentity.operator());
      out().println("triggered " + run.job() + " (trigger " + run.trigger() + ")");
      out().flush();
      if (!await) {
        return ExitCode.OK.code();
      }
      RunWaiter.Result result = new RunWaiter(session).await(run, limit);
      out().println(describe(result, limit));
      out().flush();
      return result.succeeded() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
  }

  private Duration waitLimit() {
    try {
      return Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--timeout " + e.getMessage());
    }
  }

  private static String describe(RunWaiter.Result result, Duration limit) {
    if (result.last().isEmpty()) {
      return "the run did not start within "
          + Durations.format(limit)
          + "; is a node running? (`scheduler status`)";
    }
    Execution last = result.last().get();
    String outcome =
        last.status()
            + " (attempt "
            + last.attempt()
            + ", node "
            + last.node()
            + (last.errorMessage() == null ? "" : ", " + last.errorMessage())
            + ")";
    return result.settled()
        ? "finished: " + outcome
        : "still not finished after " + Durations.format(limit) + "; last seen " + outcome;
  }
}
