package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.ops.AuditLog.Entry;
import dev.scheduler.daemon.ops.OperatorSession;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "audit",
    description = {
      "Operator actions, newest first: who (OS user and host), what, when and why.",
      "Pauses, resumes (also a node's automatic resume after --until), manual runs, user"
          + " schedules and repairs are recorded."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  scheduler audit", "  scheduler audit --since 24h --json"})
final class AuditCommand extends CommandBase implements Callable<Integer> {

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Only actions since: an instant (2026-03-08T00:00:00Z) or a duration ago (24h).")
  String since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description =
          "At most N rows (default: "
              + HistoryCommand.DEFAULT_LIMIT
              + ", at most "
              + HistoryCommand.MAX_LIMIT
              + ").")
  int limit = HistoryCommand.DEFAULT_LIMIT;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    HistoryCommand.checkLimit(spec.commandLine(), limit);
    Optional<Instant> from =
        Optional.ofNullable(since)
            .map(text -> TimeArguments.ago(spec.commandLine(), "--since", text, context().clock()));
    try (OperatorSession session = openSession()) {
      List<Entry> entries = session.auditLog().recent(from, limit);
      if (json) {
        Json.print(out(), entries);
      } else if (entries.isEmpty()) {
        out().println("no operator actions recorded");
      } else {
        Table table = new Table("AT", "WHO", "ACTION", "TARGET", "REASON", "DETAILS");
        for (Entry entry : entries) {
          table.row(
              entry.at().toString(),
              entry.user() + "@" + entry.host(),
              entry.action(),
              entry.target(),
              entry.reason(),
              entry.details());
        }
        table.print(out());
      }
      out().flush();
      return ExitCode.OK.code();
    } catch (SQLException e) {
      throw new OperationFailedException("could not read the audit log: " + e.getMessage(), e);
    }
  }
}
