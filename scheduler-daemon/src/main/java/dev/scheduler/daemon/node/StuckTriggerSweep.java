package dev.scheduler.daemon.node;

import dev.scheduler.daemon.config.ClusterTiming;
import dev.scheduler.daemon.quartz.Finding;
import dev.scheduler.daemon.quartz.SchedulerJobStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node looks for stuck triggers once a minute and releases them (what {@code scheduler doctor
 * --repair} does), so nothing stays stuck in ACQUIRED or BLOCKED after a crash or a bug.
 */
final class StuckTriggerSweep implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StuckTriggerSweep.class);
  static final Duration EVERY = Duration.ofMinutes(1);

  private final ScheduledExecutorService timer;

  private StuckTriggerSweep(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static StuckTriggerSweep start(SchedulerJobStore store, ClusterTiming timing, String nodeId) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "stuck-trigger-sweep-" + nodeId);
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        () -> sweep(store, timing), EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return new StuckTriggerSweep(timer);
  }

  private static void sweep(SchedulerJobStore store, ClusterTiming timing) {
    try {
      for (Finding finding : store.examineStuck(timing, true)) {
        if (finding.repaired()) {
          log.warn("released {}: {}; {}", finding.subject(), finding.problem(), finding.remedy());
        }
      }
    } catch (Exception e) {
      log.warn(
          "the stuck-trigger sweep failed ({}); it runs again in {} s",
          e.getMessage(),
          EVERY.toSeconds());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
