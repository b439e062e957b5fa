package dev.scheduler.daemon.ops.alerts;

import java.util.Locale;

/** What an alert is about. */
public enum AlertKind {
  /** A run failed with no retry left. */
  FAILED,
  /** A run timed out with no retry left. */
  TIMED_OUT,
  /** A run's node died while it ran. */
  ORPHANED,
  /** A fire came due while no node ran. */
  MISSED,
  /** A job has not succeeded for longer than its {@code expectSuccessEvery}. */
  NO_SUCCESS,
  /** This node declared a peer dead. */
  NODE_DEAD,
  /** A job succeeded again after an alert. */
  RECOVERED;

  /** The kind as the log and the webhook's {@code kind} field show it: {@code timed-out}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
