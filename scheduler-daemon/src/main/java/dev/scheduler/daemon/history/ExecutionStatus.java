package dev.scheduler.daemon.history;

/** Where an execution stands, or why a fire did not run. */
public enum ExecutionStatus {
  /** Started and not finished yet. */
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Interrupted because it ran longer than its timeout. */
  TIMED_OUT,
  /** Interrupted for another reason: the node shutting down. */
  INTERRUPTED,
  /** Its node died while it ran. */
  ORPHANED,
  /** A scheduled fire that did not run because no node was up to run it. */
  MISSED,
  /** A scheduled fire deliberately not run: the job was paused, or a run was still going. */
  SKIPPED;

  public boolean finished() {
    return this != RUNNING;
  }
}
