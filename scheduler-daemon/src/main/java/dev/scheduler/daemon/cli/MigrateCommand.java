package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.store.SchedulerDatabase;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.db.DatabaseMigrations.MigrationOutcome;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;

@Command(
    name = "migrate",
    description = {
      "Apply the database migrations this build carries.",
      "Nodes also migrate when they start; several at once are safe (Flyway takes a lock)."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  SCHEDULER_DB_URL=jdbc:postgresql://db1:5432/scheduler scheduler migrate"})
final class MigrateCommand extends CommandBase implements Callable<Integer> {

  @Override
  public Integer call() {
    root().quietLogs();
    SchedulerConfig config = loadConfig();
    try (SchedulerDatabase database = SchedulerDatabase.open(config, 2, "scheduler-migrate")) {
      MigrationOutcome outcome = DatabaseMigrations.migrate(database.dataSource());
      String version = outcome.toVersion() == null ? outcome.fromVersion() : outcome.toVersion();
      out()
          .println(
              database.description()
                  + ": schema at version "
                  + version
                  + " ("
                  + outcome.applied()
                  + " migrations applied)");
      out().flush();
      return ExitCode.OK.code();
    } catch (FlywayException e) {
      throw new OperationFailedException("migration failed: " + e.getMessage(), e);
    }
  }
}
