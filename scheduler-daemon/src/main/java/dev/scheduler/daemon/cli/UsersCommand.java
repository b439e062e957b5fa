package dev.scheduler.daemon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

@Command(
    name = "users",
    description = "Per-user schedules: a user's local time for a job, in the user's time zone.",
    subcommands = {
      UsersSetCommand.class,
      UsersListCommand.class,
      UsersRemoveCommand.class,
      UsersImportCommand.class
    })
final class UsersCommand extends CommandBase implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "say what to do with user schedules: set, list, remove or import");
  }
}
