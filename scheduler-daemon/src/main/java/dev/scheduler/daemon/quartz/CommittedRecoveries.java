package dev.scheduler.daemon.quartz;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the node recoveries a transaction made until it commits, then tells the {@link
 * RecoveryListener}, as {@link CommittedNotRuns} does for not-run fires: a recovery rolled back
 * (and retried) is told once.
 */
final class CommittedRecoveries {

  private static final Logger log = LoggerFactory.getLogger(CommittedRecoveries.class);

  private final ThreadLocal<List<Recovery>> pending = ThreadLocal.withInitial(ArrayList::new);
  private volatile RecoveryListener listener = RecoveryListener.NONE;

  void listener(RecoveryListener listener) {
    this.listener = listener;
  }

  void recovered(String node, boolean self, String reason, List<String> orphanedJobs) {
    if (listener != RecoveryListener.NONE) {
      pending.get().add(new Recovery(node, self, reason, List.copyOf(orphanedJobs)));
    }
  }

  /** The current transaction committed. Never throws: the commit is done. */
  void committed() {
    List<Recovery> recoveries = pending.get();
    if (recoveries.isEmpty()) {
      return;
    }
    try {
      for (Recovery recovery : recoveries) {
        listener.recovered(
            recovery.node(), recovery.self(), recovery.reason(), recovery.orphanedJobs());
      }
    } catch (RuntimeException e) {
      log.warn("could not report {} node recoveries: {}", recoveries.size(), e.toString());
    } finally {
      recoveries.clear();
    }
  }

  void rolledBack() {
    pending.get().clear();
  }

  private record Recovery(String node, boolean self, String reason, List<String> orphanedJobs) {}
}
