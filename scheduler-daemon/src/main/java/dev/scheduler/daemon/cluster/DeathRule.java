package dev.scheduler.daemon.cluster;

import dev.scheduler.daemon.config.ClusterTiming;
import java.util.ArrayList;
import java.util.List;

/**
 * When a node counts as dead. All times are on the database's clock, so node clocks cannot skew it.
 *
 * <ul>
 *   <li>Its database session is gone and it has not checked in for a check-in interval and a
 *       second: it crashed or was killed. This is the fast path, a few seconds.
 *   <li>It has not checked in for {@code failureTimeout} even though its session lingers: a hung
 *       process, or a host the database has not yet noticed is gone.
 * </ul>
 *
 * A long GC pause or a slow database keeps the session, so it never trips the fast path. And a node
 * that was itself cut off (a database restart drops every session) declares nobody dead until it
 * has been connected for two check-in intervals and a second, so that its peers can take their
 * locks back first.
 */
public final class DeathRule {

  private final ClusterTiming timing;

  public DeathRule(ClusterTiming timing) {
    this.timing = timing;
  }

  /** The ids of the peers that count as dead now. */
  public List<String> dead(
      List<PeerState> peers, String self, long dbNow, long selfConnectedSince) {
    List<String> dead = new ArrayList<>();
    if (dbNow - selfConnectedSince < settleMillis()) {
      return dead;
    }
    for (PeerState peer : peers) {
      if (peer.nodeId().equals(self)) {
        continue;
      }
      long silent = dbNow - peer.lastCheckinMillis();
      boolean crashed = !peer.sessionAlive() && silent > timing.sessionlessGrace().toMillis();
      boolean silentTooLong = silent > timing.failureTimeout().toMillis();
      if (crashed || silentTooLong) {
        dead.add(peer.nodeId());
      }
    }
    return dead;
  }

  /** Why a peer counts as dead, for the log. */
  public String reason(PeerState peer, long dbNow) {
    long silent = dbNow - peer.lastCheckinMillis();
    return peer.sessionAlive()
        ? "silent for "
            + silent
            + " ms (failureTimeout "
            + timing.failureTimeout().toMillis()
            + " ms)"
        : "its database session is gone and it has been silent for " + silent + " ms";
  }

  long settleMillis() {
    return timing.checkinInterval().multipliedBy(2).plusSeconds(1).toMillis();
  }
}
