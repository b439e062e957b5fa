package dev.scheduler.daemon.quartz;

/**
 * One stuck thing the doctor found.
 *
 * @param kind what sort of problem
 * @param subject what it concerns: a trigger, a node
 * @param problem what is wrong
 * @param remedy what repairing does, or did
 * @param repaired whether it was repaired
 */
public record Finding(Kind kind, String subject, String problem, String remedy, boolean repaired) {

  /** The sorts of stuck state. */
  public enum Kind {
    STUCK_ACQUIRED,
    STUCK_BLOCKED,
    ERROR,
    DEAD_NODE_FIRINGS,
    ORPHANED_RUNS
  }
}
