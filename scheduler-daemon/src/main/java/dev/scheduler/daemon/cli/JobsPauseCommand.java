package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.node.NodeIdentity;
import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.JobSelection;
import dev.scheduler.daemon.ops.OperatorSession;
import java.time.Instant;
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
      "Fires that fall while a job is paused are not replayed when it resumes.",
      "With --until, a node resumes the jobs by itself at that instant (within 5 seconds)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler jobs pause nightly-report --reason \"warehouse migration\"",
      "  scheduler jobs pause nightly-report --until 2h --reason \"deploy window\"",
      "  scheduler jobs pause --group reports --until 2026-03-08T06:00:00Z",
      "  scheduler jobs pause --group reports",
      "  scheduler jobs pause --all"
    })
final class JobsPauseCommand extends CommandBase implements Callable<Integer> {

  @Mixin JobSelectionOptions selection;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why; shown by `jobs list` and `audit`.")
  String reason;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      description =
          "Resume by itself then: an instant (2026-03-08T06:00:00Z) or a duration from now (2h).")
  String until;

  @Override
  public Integer call() {
    JobSelection jobs = selection.toSelection(spec.commandLine());
    Optional<Instant> end =
        Optional.ofNullable(until)
            .map(
                text ->
                    TimeArguments.ahead(spec.commandLine(), "--until", text, context().clock()));
    try (OperatorSession session = openSession()) {
      List<String> paused =
          new JobOperations(session)
              .pause(jobs, Optional.ofNullable(reason), end, NodeIdentity.operator());
      out()
          .println(
              "paused "
                  + String.join(", ", paused)
                  + end.map(at -> " until " + at + " (resumed by a node then)").orElse(""));
      out().flush();
      return ExitCode.OK.code();
    }
  }
}
