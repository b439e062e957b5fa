package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.ops.ClusterStatus;
import dev.scheduler.daemon.ops.ClusterStatus.NextFire;
import dev.scheduler.daemon.ops.ClusterStatus.NodeView;
import dev.scheduler.daemon.ops.ClusterStatus.RunningView;
import dev.scheduler.daemon.ops.ClusterStatus.StatusView;
import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.quartz.Finding;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    description =
        "Show the cluster's nodes (alive or dead, last check-in, clock skew, busy job threads),"
            + " running executions, stuck triggers and the next fires.",
    footerHeading = "%nExamples:%n",
    footer = {"  scheduler status", "  scheduler status --json | jq '.nodes[] | select(.alive)'"})
final class StatusCommand extends CommandBase implements Callable<Integer> {

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    try (OperatorSession session = openSession()) {
      StatusView status = ClusterStatus.read(session);
      if (json) {
        Json.print(out(), status);
        return ExitCode.OK.code();
      }
      Table nodes =
          new Table(
              "NODE",
              "HOST",
              "VERSION",
              "STARTED",
              "LAST CHECK-IN",
              "CLOCK SKEW",
              "THREADS BUSY",
              "STATE");
      for (NodeView node : status.nodes()) {
        nodes.row(
            node.id(),
            node.host(),
            node.version(),
            node.startedAt(),
            node.checkinAgeMillis() + " ms ago",
            node.skewMillis() == null ? null : node.skewMillis() + " ms",
            node.runningJobs() + (node.threads() == null ? "" : " of " + node.threads()),
            node.alive() ? "alive" : "dead");
      }
      if (status.nodes().isEmpty()) {
        out().println("no nodes have checked in");
      } else {
        nodes.print(out());
      }
      out().println();
      if (status.running().isEmpty()) {
        out().println("no executions running");
      } else {
        Table running = new Table("ID", "JOB", "NODE", "SCHEDULED", "STARTED");
        for (RunningView execution : status.running()) {
          running.row(
              execution.id(),
              execution.job(),
              execution.node(),
              execution.scheduledAt(),
              execution.startedAt());
        }
        running.print(out());
      }
      out().println();
      if (status.stuck().isEmpty()) {
        out().println("nothing is stuck");
      } else {
        Table stuck = new Table("STUCK", "SUBJECT", "PROBLEM", "REMEDY");
        for (Finding finding : status.stuck()) {
          stuck.row(finding.kind(), finding.subject(), finding.problem(), finding.remedy());
        }
        stuck.print(out());
      }
      out().println();
      if (status.nextFires().isEmpty()) {
        out().println("no fires scheduled");
      } else {
        Table next = new Table("NEXT FIRE", "JOB");
        for (NextFire fire : status.nextFires()) {
          next.row(fire.at(), fire.job());
        }
        next.print(out());
      }
      out().flush();
      return ExitCode.OK.code();
    }
  }
}
