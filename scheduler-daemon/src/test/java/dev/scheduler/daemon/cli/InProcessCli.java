package dev.scheduler.daemon.cli;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs a CLI command in this JVM against a configuration file, capturing what it prints. */
final class InProcessCli {

  private InProcessCli() {}

  /** Runs {@code args --config CONFIG}; returns the exit code. */
  static int run(Path config, StringWriter out, StringWriter err, String... args) {
    String[] withConfig = new String[args.length + 2];
    System.arraycopy(args, 0, withConfig, 0, args.length);
    withConfig[args.length] = "--config";
    withConfig[args.length + 1] = config.toString();
    return SchedulerCli.create(
            new CliContext(
                Environment.of(Map.of()),
                JobTypes.builtIn(),
                Clock.systemUTC(),
                new PrintWriter(out, true),
                new PrintWriter(err, true)))
        .execute(withConfig);
  }
}
