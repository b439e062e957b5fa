package dev.scheduler.daemon.quartz;

import java.time.Instant;

/**
 * A node's latest check-in, as Quartz records it.
 *
 * @param nodeId the node
 * @param at when it last checked in
 * @param intervalMillis the interval it promised between check-ins
 */
public record Checkin(String nodeId, Instant at, long intervalMillis) {

  /** Quartz's rule: a node that misses its interval plus 7.5 s is considered dead. */
  public boolean aliveAt(Instant now) {
    return at.toEpochMilli() + intervalMillis + 7_500 >= now.toEpochMilli();
  }
}
