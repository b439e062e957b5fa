package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.node.NodeIdentity;
import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.JobOperations.TriggeredRun;
import dev.scheduler.daemon.ops.OperatorSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "trigger",
    description = {
      "Run a job now on some live node, even if it is paused.",
      "The run is stored in the database; a node picks it up at its next poll."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler jobs trigger nightly-report",
      "  scheduler jobs trigger user-digest --data userId=42"
    })
final class JobsTriggerCommand extends CommandBase implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "JOB", description = "The job's name.")
  String job;

  @Option(
      names = "--data",
      paramLabel = "KEY=VALUE",
      description = "Job data for this run; repeat for more.")
  Map<String, String> data = new LinkedHashMap<>();

  @Override
  public Integer call() {
    try (OperatorSession session = openSession()) {
      TriggeredRun run = new JobOperations(session).trigger(job, data, NodeIdentity.operator());
      out().println("triggered " + run.job() + " (trigger " + run.trigger() + ")");
      out().flush();
      return ExitCode.OK.code();
    }
  }
}
