package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.ops.OperatorSession;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the root's options, the context, and opening a session. */
abstract class CommandBase {

  @Spec CommandSpec spec;

  SchedulerCli root() {
    return (SchedulerCli) spec.root().userObject();
  }

  CliContext context() {
    return root().context();
  }

  PrintWriter out() {
    return context().out();
  }

  SchedulerConfig loadConfig() {
    return root().loadConfig();
  }

  /** For operator commands: quiet logs, the configuration, then a session on the database. */
  OperatorSession openSession() {
    root().quietLogs();
    return OperatorSession.open(loadConfig(), context().clock());
  }
}
