package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.ops.AuditLog;
import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.quartz.Finding;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.quartz.JobPersistenceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "doctor",
    description = {
      "Find what is stuck in the job store: triggers ACQUIRED or BLOCKED with no live node behind"
          + " them, triggers in ERROR, firings and RUNNING runs of dead nodes.",
      "With --repair, release them (nodes also do this by themselves every minute).",
      "Exits 0 when nothing is left stuck, 1 otherwise."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  scheduler doctor", "  scheduler doctor --repair", "  scheduler doctor --json"})
final class DoctorCommand extends CommandBase implements Callable<Integer> {

  @Option(names = "--repair", description = "Release what is stuck.")
  boolean repair;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    try (OperatorSession session = openSession()) {
      List<Finding> findings =
          session.quartz().store().examineStuck(session.config().node().cluster(), repair);
      boolean healthy = findings.stream().allMatch(Finding::repaired);
      List<String> repaired =
          findings.stream().filter(Finding::repaired).map(Finding::subject).toList();
      if (!repaired.isEmpty()) {
        session.audit(
            AuditLog.Action.REPAIR,
            String.join(", ", repaired),
            Optional.empty(),
            Optional.of(repaired.size() + " released"));
      }
      if (json) {
        Json.print(out(), new Report(healthy, findings));
      } else if (findings.isEmpty()) {
        out().println("nothing is stuck");
      } else {
        Table table = new Table("KIND", "SUBJECT", "PROBLEM", "REMEDY");
        for (Finding finding : findings) {
          table.row(finding.kind(), finding.subject(), finding.problem(), finding.remedy());
        }
        table.print(out());
      }
      out().flush();
      return healthy ? ExitCode.OK.code() : ExitCode.FAILED.code();
    } catch (JobPersistenceException e) {
      throw new OperationFailedException("could not examine the job store: " + e.getMessage(), e);
    }
  }

  /** The {@code --json} document: whether nothing is left stuck, and what was found. */
  record Report(boolean healthy, List<Finding> findings) {}
}
