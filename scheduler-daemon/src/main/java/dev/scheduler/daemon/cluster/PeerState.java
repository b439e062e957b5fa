package dev.scheduler.daemon.cluster;

import java.time.Instant;

/**
 * A node as one check-in sees it.
 *
 * @param nodeId its id
 * @param lastCheckinMillis its latest check-in, on the database's clock
 * @param sessionAlive whether its database session (and lock) is still there
 * @param upSince since when it has been connected without a break, if known
 * @param stopped whether it stopped cleanly
 */
public record PeerState(
    String nodeId,
    long lastCheckinMillis,
    boolean sessionAlive,
    Instant upSince,
    boolean stopped) {}
