package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.config.EffectiveConfig;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.store.SchedulerDatabase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "check-config",
    description = {
      "Validate the configuration and print it as a node would use it, secrets masked.",
      "Every problem is reported at once, with file, line and key; the exit code is then 3."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  scheduler check-config --config /etc/scheduler/scheduler.yaml"})
final class CheckConfigCommand extends CommandBase implements Callable<Integer> {

  @Override
  public Integer call() {
    root().quietLogs();
    SchedulerConfig config = loadConfig();
    out().println("# " + config.source() + " is valid: " + config.jobs().size() + " jobs");
    out()
        .print(
            EffectiveConfig.render(
                config,
                SchedulerDatabase.EMBEDDED_DIRECTORY.toAbsolutePath().normalize().toString()));
    out().flush();
    return ExitCode.OK.code();
  }
}
