package dev.scheduler.daemon.quartz;

import java.util.List;

/**
 * Told of each node whose work the job store recovered, once the transaction that recovered it has
 * committed: for alerts, without reading the history back.
 */
@FunctionalInterface
public interface RecoveryListener {

  /**
   * @param node the recovered node's id
   * @param self true for this node's own previous life (it restarted), not a peer's death
   * @param reason why it counts as dead, for messages
   * @param orphanedJobs the job of each run it left RUNNING, now ORPHANED (a job once per run)
   */
  void recovered(String node, boolean self, String reason, List<String> orphanedJobs);

  RecoveryListener NONE = (node, self, reason, orphanedJobs) -> {};
}
