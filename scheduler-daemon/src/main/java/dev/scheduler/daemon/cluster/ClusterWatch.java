package dev.scheduler.daemon.cluster;

import dev.scheduler.daemon.config.ClusterTiming;
import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's view of the cluster, renewed at each check-in: who is dead ({@link DeathRule}), since
 * when the cluster has been up, how far this node's clock is off the database's, and whether this
 * node still holds its own lock. Used by the job store's check-in on PostgreSQL.
 */
public final class ClusterWatch {

  private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);

  /** What the node does about what its check-ins find. */
  public interface Listener {
    /** The clock's offset was measured; the node warns or steps back as the limits say. */
    void clockSkew(long skewMillis);

    /** Another process took this node's id: the node must stop. */
    void idTakenOver(String message);
  }

  private final String nodeId;
  private final String tablePrefix;
  private final String schedulerName;
  private final ClusterTiming timing;
  private final DeathRule rule;
  private final LivenessSession liveness;
  private final Listener listener;

  private volatile long lastCheckinLocal;
  private boolean justReconnected;
  private long connectedSinceDb;
  private Long skewMillis;
  private volatile long clusterUpSince;
  private ClusterSnapshot lastSnapshot;

  public ClusterWatch(
      String nodeId,
      String tablePrefix,
      String schedulerName,
      ClusterTiming timing,
      LivenessSession liveness,
      Listener listener,
      Instant startedAt) {
    this.nodeId = nodeId;
    this.tablePrefix = tablePrefix;
    this.schedulerName = schedulerName;
    this.timing = timing;
    this.rule = new DeathRule(timing);
    this.liveness = liveness;
    this.listener = listener;
    this.clusterUpSince = startedAt.toEpochMilli();
  }

  /**
   * Checks in within the caller's transaction and returns the peers that count as dead.
   *
   * @return the snapshot the decision was made on and the dead peers' ids
   */
  public Outcome checkIn(Connection conn) throws SQLException {
    return settle(record(conn));
  }

  /**
   * Checks in on the node's liveness session ({@link LivenessSession#run}) rather than in a
   * transaction of the caller's: one statement, and no pooled connection to lend and check.
   */
  public Outcome checkInOnOwnSession() throws SQLException {
    return settle(onOwnSession(this::record));
  }

  /**
   * Runs work on the node's liveness session ({@link LivenessSession#run}): for the node's routine
   * looks, which nearly always find nothing to do.
   */
  public <T> T onOwnSession(Jdbc.Work<T> work) throws SQLException {
    try {
      return liveness.run(work);
    } catch (NodeIdInUseException e) {
      listener.idTakenOver(e.getMessage());
      throw new SQLException(e.getMessage(), e);
    }
  }

  /** A check-in as written, with the node's clock around it. */
  private record Recorded(ClusterSnapshot snapshot, long before, long after, boolean reconnected) {}

  private Recorded record(Connection conn) throws SQLException {
    long before = System.currentTimeMillis();
    boolean reconnected = lastCheckinLocal != 0 && before - lastCheckinLocal > outageMillis();
    ClusterSnapshot snapshot =
        ClusterSnapshot.checkIn(
            conn,
            tablePrefix,
            schedulerName,
            nodeId,
            timing.checkinInterval().toMillis(),
            skewMillis,
            reconnected);
    long after = System.currentTimeMillis();
    if (!snapshot.checkedIn()) {
      ClusterSnapshot.register(
          conn, tablePrefix, schedulerName, nodeId, timing.checkinInterval().toMillis());
    }
    return new Recorded(snapshot, before, after, reconnected);
  }

  /** What a check-in found: reconnection, clock skew, this node's own lock and the dead. */
  private Outcome settle(Recorded recorded) {
    ClusterSnapshot snapshot = recorded.snapshot();
    long before = recorded.before();
    long after = recorded.after();
    boolean reconnected = recorded.reconnected();
    if (reconnected || connectedSinceDb == 0) {
      connectedSinceDb = snapshot.dbNowMillis();
      if (reconnected) {
        log.warn(
            "node {} is back in touch with the database after {} ms without a check-in; fires"
                + " that came due meanwhile follow their catch-up policy",
            nodeId,
            before - lastCheckinLocal);
      }
    }
    lastCheckinLocal = after;
    justReconnected = reconnected;
    if (!snapshot.peers().isEmpty()) {
      skewMillis = (before + after) / 2 - snapshot.dbNowMillis();
      listener.clockSkew(skewMillis);
    }
    keepOwnLock(snapshot);
    return decide(snapshot);
  }

  /** Reads the cluster again without checking in, to confirm a decision under the state lock. */
  public Outcome look(Connection conn) throws SQLException {
    return decide(ClusterSnapshot.look(conn, tablePrefix, schedulerName));
  }

  /**
   * Whether this node's check-ins are current. A node that has not checked in for longer than its
   * peers wait before counting it dead takes no fires: it may already count as dead, and fires due
   * meanwhile were missed, not late.
   */
  public boolean current() {
    return System.currentTimeMillis() - lastCheckinLocal <= outageMillis();
  }

  /** Milliseconds since this node's last check-in; -1 before its first. */
  public long millisSinceCheckin() {
    long last = lastCheckinLocal;
    return last == 0 ? -1 : System.currentTimeMillis() - last;
  }

  /** Since when the cluster has been up without a break, in epoch millis. */
  public long clusterUpSince() {
    return clusterUpSince;
  }

  /**
   * Whether this node leads the cluster for work that one node does for all (alerts on silent
   * jobs): the live node with the smallest id at the last check-in. While leadership moves after a
   * node dies, two nodes may lead for a check-in or two; that work must tolerate it.
   */
  public boolean leads() {
    ClusterSnapshot snapshot = lastSnapshot;
    if (snapshot == null || !current()) {
      return false;
    }
    long dbNow = snapshot.dbNowMillis();
    return snapshot.peers().stream()
        .filter(peer -> !peer.stopped() && peer.sessionAlive())
        .filter(peer -> dbNow - peer.lastCheckinMillis() <= outageMillis())
        .map(PeerState::nodeId)
        .min(String::compareTo)
        .map(nodeId::equals)
        .orElse(false);
  }

  /** Why a peer counted as dead at the last check-in, for the log. */
  public String reason(String peerId) {
    ClusterSnapshot snapshot = lastSnapshot;
    if (snapshot == null) {
      return "unknown";
    }
    return snapshot.peers().stream()
        .filter(peer -> peer.nodeId().equals(peerId))
        .findFirst()
        .map(peer -> rule.reason(peer, snapshot.dbNowMillis()))
        .orElse("it has fired triggers but no check-in record");
  }

  private Outcome decide(ClusterSnapshot snapshot) {
    lastSnapshot = snapshot;
    long dbNow = snapshot.dbNowMillis();
    List<String> dead = rule.dead(snapshot.peers(), nodeId, dbNow, connectedSinceDb);
    // Up-since counts only for peers checking in on time: after an outage a peer's record is
    // stale until it checks in again, and this node's own is the moment it reconnected.
    long earliest = connectedSinceDb;
    for (PeerState peer : snapshot.peers()) {
      boolean current = dbNow - peer.lastCheckinMillis() <= outageMillis();
      if (!peer.nodeId().equals(nodeId) && current && !peer.stopped() && peer.upSince() != null) {
        earliest = Math.min(earliest, peer.upSince().toEpochMilli());
      }
    }
    if (earliest != 0) {
      clusterUpSince = earliest;
    }
    Map<String, PeerState> byId =
        snapshot.peers().stream().collect(Collectors.toMap(PeerState::nodeId, Function.identity()));
    return new Outcome(dead, byId, snapshot.checkedIn(), justReconnected);
  }

  private void keepOwnLock(ClusterSnapshot snapshot) {
    boolean held =
        snapshot.peers().stream()
            .anyMatch(peer -> peer.nodeId().equals(nodeId) && peer.sessionAlive());
    if (held) {
      return;
    }
    try {
      liveness.reacquire();
    } catch (NodeIdInUseException e) {
      listener.idTakenOver(e.getMessage());
    }
  }

  /** A node without a check-in for this long was cut off, and counts as up anew. */
  private long outageMillis() {
    return timing.sessionlessGrace().toMillis();
  }

  /**
   * The result of a check-in.
   *
   * @param dead the ids of the peers that count as dead
   * @param peers every node with a check-in record, by id
   * @param checkedIn whether this node's record was there (false: first check-in, or peers
   *     recovered this node as dead)
   * @param reconnected whether this check-in ended a time cut off from the database
   */
  public record Outcome(
      List<String> dead, Map<String, PeerState> peers, boolean checkedIn, boolean reconnected) {}
}
