package dev.scheduler.daemon;

import dev.scheduler.daemon.cli.CliContext;
import dev.scheduler.daemon.cli.SchedulerCli;

/** The {@code scheduler} executable. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(SchedulerCli.create(CliContext.system()).execute(args));
  }
}
