package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.node.NodeIdentity;
import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.JobSelection;
import dev.scheduler.daemon.ops.OperatorSession;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "pause",
    description = {
      "Stop new fires of jobs until they are resumed; running executions finish.",
      "Fires that fall while a job is paused are not replayed when it resumes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler jobs pause nightly-report --reason \"warehouse migration\"",
      "  scheduler jobs pause --group reports",
      "  scheduler jobs pause --all"
    })
final class JobsPauseCommand extends CommandBase implements Callable<Integer> {

  @Mixin JobSelectionOptions selection;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; shown by `jobs list`.")
  String reason;

  @Override
  public Integer call() {
    JobSelection jobs = selection.toSelection(spec.commandLine());
    try (OperatorSession session = openSession()) {
      List<String> paused =
          new JobOperations(session)
              .pause(jobs, Optional.ofNullable(reason), NodeIdentity.operator());
      out().println("paused " + String.join(", ", paused));
      out().flush();
      return ExitCode.OK.code();
    }
  }
}
