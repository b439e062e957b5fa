package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.JobView;
import dev.scheduler.daemon.ops.OperatorSession;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    description =
        "Every job: type, schedule, zone, next fire (UTC and local), paused or not, last outcome.",
    footerHeading = "%nExamples:%n",
    footer = {"  scheduler jobs list", "  scheduler jobs list --json"})
final class JobsListCommand extends CommandBase implements Callable<Integer> {

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    try (OperatorSession session = openSession()) {
      List<JobView> jobs = new JobOperations(session).list();
      if (json) {
        Json.print(out(), jobs);
        return ExitCode.OK.code();
      }
      if (jobs.isEmpty()) {
        out().println("no jobs; declare them under jobs: in the configuration and start a node");
        out().flush();
        return ExitCode.OK.code();
      }
      Table table =
          new Table(
              "JOB",
              "GROUP",
              "TYPE",
              "SCHEDULE",
              "NEXT FIRE (UTC)",
              "NEXT FIRE (LOCAL)",
              "STATE",
              "LAST");
      for (JobView job : jobs) {
        table.row(
            job.name(),
            job.group(),
            job.type(),
            job.schedule() == null ? "(manual)" : job.schedule(),
            job.nextFire(),
            job.nextFireLocal(),
            !job.enabled() ? "disabled" : job.paused() ? "paused" : "active",
            job.lastStatus() == null ? null : job.lastStatus() + " " + job.lastFinishedAt());
      }
      table.print(out());
      return ExitCode.OK.code();
    }
  }
}
