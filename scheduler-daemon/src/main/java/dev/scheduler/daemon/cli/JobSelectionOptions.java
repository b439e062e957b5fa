package dev.scheduler.daemon.cli;

import dev.scheduler.daemon.ops.JobSelection;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Exactly one of: a job's name, {@code --group G}, or {@code --all}. */
final class JobSelectionOptions {

  @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "The job's name.")
  String job;

  @Option(names = "--group", paramLabel = "GROUP", description = "Every job in this group.")
  String group;

  @Option(names = "--all", description = "Every job.")
  boolean all;

  JobSelection toSelection(picocli.CommandLine commandLine) {
    int given = (job == null ? 0 : 1) + (group == null ? 0 : 1) + (all ? 1 : 0);
    if (given != 1) {
      throw new picocli.CommandLine.ParameterException(
          commandLine, "name exactly one of: a JOB, --group GROUP, or --all");
    }
    if (job != null) {
      return JobSelection.job(job);
    }
    return group != null ? JobSelection.group(group) : JobSelection.everyJob();
  }
}
