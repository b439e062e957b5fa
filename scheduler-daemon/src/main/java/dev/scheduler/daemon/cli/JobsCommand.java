package dev.scheduler.daemon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

@Command(
    name = "jobs",
    description = "List, pause, resume and trigger jobs.",
    subcommands = {
      JobsListCommand.class,
      JobsPauseCommand.class,
      JobsResumeCommand.class,
      JobsTriggerCommand.class
    })
final class JobsCommand extends CommandBase implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "say what to do with jobs: list, pause, resume or trigger");
  }
}
