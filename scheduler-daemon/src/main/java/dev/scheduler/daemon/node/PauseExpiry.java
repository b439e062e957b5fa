package dev.scheduler.daemon.node;

import dev.scheduler.daemon.ops.AuditLog;
import dev.scheduler.daemon.quartz.SchedulerJobStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends pauses set with {@code jobs pause --until}: every node looks every few seconds, and the
 * cluster lock lets exactly one resume each job, recorded in the audit log as the node's act.
 */
final class PauseExpiry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PauseExpiry.class);

  /** How late after its end a pause may be lifted. */
  static final Duration EVERY = Duration.ofSeconds(5);

  private final ScheduledExecutorService timer;

  private PauseExpiry(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static PauseExpiry start(SchedulerJobStore store, NodeIdentity node) {
    ScheduledExecutorService timer = NodeTimers.daemon("pause-expiry-" + node.id());
    timer.scheduleWithFixedDelay(
        () -> resumeEnded(store, node), EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return new PauseExpiry(timer);
  }

  private static void resumeEnded(SchedulerJobStore store, NodeIdentity node) {
    try {
      List<JobKey> resumed =
          store.resumeExpiredPauses(
              (conn, jobs, at) ->
                  AuditLog.record(
                      conn,
                      at,
                      "node " + node.id(),
                      node.host(),
                      AuditLog.Action.AUTO_RESUME,
                      String.join(", ", jobs.stream().map(JobKey::getName).toList()),
                      Optional.of("the pause was set to end by now (jobs pause --until)"),
                      Optional.empty()));
      if (!resumed.isEmpty()) {
        log.info(
            "resumed {}: their pause ended",
            String.join(", ", resumed.stream().map(JobKey::getName).toList()));
      }
    } catch (Exception e) {
      log.warn(
          "could not look for ended pauses ({}); trying again in {} s",
          e.getMessage(),
          EVERY.toSeconds());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
