package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.JobSelection;
import dev.scheduler.daemon.ops.OperatorSession;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "resume",
    description = {
      "Resume paused jobs from now: each fires next at its first scheduled time after now;",
      "fires missed while paused are not replayed."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  scheduler jobs resume nightly-report", "  scheduler jobs resume --all"})
final class JobsResumeCommand extends CommandBase implements Callable<Integer> {

  @Mixin JobSelectionOptions selection;

  @Override
  public Integer call() {
    JobSelection jobs = selection.toSelection(spec.commandLine());
    try (OperatorSession session = openSession()) {
      List<String> resumed = new JobOperations(session).resume(jobs);
      out().println("resumed " + String.join(", ", resumed));
      out().flush();
      return ExitCode.OK.code();
    }
  }
}
