package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.history.Execution;
import dev.scheduler.daemon.history.ExecutionStatus;
import dev.scheduler.daemon.history.HistoryRepository.HistoryFilter;
import dev.scheduler.daemon.ops.OperatorSession;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "history",
    description = "Execution history, newest first, including fires that were missed or skipped.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  scheduler history --job nightly-report --limit 10",
      "  scheduler history --status FAILED --since 24h",
      "  scheduler history --since 2026-03-08T00:00:00Z --json"
    })
final class HistoryCommand extends CommandBase implements Callable<Integer> {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 10_000;

  @Option(names = "--job", paramLabel = "JOB", description = "Only this job.")
  String job;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only this outcome: ${COMPLETION-CANDIDATES}.")
  ExecutionStatus status;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Only fires scheduled at or after an instant (2026-03-08T00:00:00Z) or a"
              + " duration ago (24h).")
  String since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N rows (default: " + DEFAULT_LIMIT + ", at most " + MAX_LIMIT + ").")
  int limit = DEFAULT_LIMIT;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    checkLimit(spec.commandLine(), limit);
    Optional<Instant> from =
        Optional.ofNullable(since)
            .map(text -> TimeArguments.ago(spec.commandLine(), "--since", text, context().clock()));
    try (OperatorSession session = openSession()) {
      List<Execution> executions =
          session
              .history()
              .find(
                  new HistoryFilter(
                      Optional.ofNullable(job), Optional.ofNullable(status), from, limit));
      if (json) {
        Json.print(out(), executions);
        return ExitCode.OK.code();
      }
      if (executions.isEmpty()) {
        out().println("no executions match");
        out().flush();
        return ExitCode.OK.code();
      }
      Table table =
          new Table("ID", "JOB", "STATUS", "SCHEDULED", "STARTED", "MS", "NODE", "TRY", "DETAIL");
      for (Execution execution : executions) {
        table.row(
            execution.id(),
            execution.job(),
            execution.status(),
            execution.scheduledAt(),
            execution.startedAt(),
            execution.durationMillis(),
            execution.node(),
            execution.attempt() + (execution.manual() ? " manual" : ""),
            detail(execution));
      }
      table.print(out());
      return ExitCode.OK.code();
    } catch (SQLException e) {
      throw new OperationFailedException("could not read the history: " + e.getMessage(), e);
    }
  }

  /** The same --limit rule for every listing. */
  static void checkLimit(CommandLine command, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ParameterException(
          command, "--limit " + limit + " is out of range; use 1 to " + MAX_LIMIT);
    }
  }

  private static String detail(Execution execution) {
    if (execution.errorClass() != null) {
      return execution.errorClass() + ": " + execution.errorMessage();
    }
    return execution.note();
  }
}
