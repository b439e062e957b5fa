package dev.scheduler.daemon.ops;

import java.util.Optional;

/**
 * Which jobs an operator command acts on: one job by name, a group, or all.
 *
 * @param job a job's name
 * @param group a group's name
 * @param all every job
 */
public record JobSelection(Optional<String> job, Optional<String> group, boolean all) {

  public static JobSelection job(String name) {
    return new JobSelection(Optional.of(name), Optional.empty(), false);
  }

  public static JobSelection group(String name) {
    return new JobSelection(Optional.empty(), Optional.of(name), false);
  }

  public static JobSelection everyJob() {
    return new JobSelection(Optional.empty(), Optional.empty(), true);
  }

  public String describe() {
    if (all) {
      return "all jobs";
    }
    return job.map(name -> "job " + name).orElseGet(() -> "group " + group.orElseThrow());
  }
}
