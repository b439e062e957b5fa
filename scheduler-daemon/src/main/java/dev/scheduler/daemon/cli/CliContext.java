package dev.scheduler.daemon.cli;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.config.Environment;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What every command is given rather than reaching for it: the environment, the job types, the
 * clock and the output streams. Tests build one of their own.
 */
public record CliContext(
    Environment environment, JobTypes types, Clock clock, PrintWriter out, PrintWriter err) {

  public static CliContext system() {
    return new CliContext(
        Environment.system(),
        JobTypes.builtIn(),
        Clock.systemUTC(),
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true));
  }
}
