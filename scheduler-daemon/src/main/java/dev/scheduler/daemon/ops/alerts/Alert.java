package dev.scheduler.daemon.ops.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert, as the sinks send it.
 *
 * @param kind what it is about
 * @param job the job it is about; null for a node's alert
 * @param node the node it is about: the dead node, or the node the job's run was seen on
 * @param summary one line saying what happened
 * @param details more context (the run's note, the reason); may be empty
 * @param at when this node noticed it
 * @param external whether it goes to the webhook and email too (a critical job's, a dead node)
 */
public record Alert(
    AlertKind kind,
    String job,
    String node,
    String summary,
    String details,
    Instant at,
    boolean external) {

  public Alert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(at, "at");
    details = details == null ? "" : details;
  }

  /** Repeats share this key: the same kind about the same job, or the same node. */
  public String dedupKey() {
    return kind.word() + (job == null ? " node " + node : " job " + job);
  }

  Alert withSummary(String newSummary) {
    return new Alert(kind, job, node, newSummary, details, at, external);
  }
}
