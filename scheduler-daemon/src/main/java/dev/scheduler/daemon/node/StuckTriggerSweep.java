package dev.scheduler.daemon.node;

import dev.scheduler.daemon.config.ClusterTiming;
import dev.scheduler.daemon.quartz.Finding;
import dev.scheduler.daemon.quartz.SchedulerJobStore;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node looks for stuck triggers once a minute and releases them (what {@code scheduler doctor
 * --repair} does), so nothing stays stuck in ACQUIRED or BLOCKED after a crash or a bug. How many
 * it found last time is kept for the metrics, which never query for it themselves.
 */
final class StuckTriggerSweep implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StuckTriggerSweep.class);
  static final Duration EVERY = Duration.ofMinutes(1);

  /** The findings that are triggers; the others concern nodes and their runs. */
  private static final Set<Finding.Kind> TRIGGERS =
      EnumSet.of(Finding.Kind.STUCK_ACQUIRED, Finding.Kind.STUCK_BLOCKED, Finding.Kind.ERROR);

  private final SchedulerJobStore store;
  private final ClusterTiming timing;
  private final ScheduledExecutorService timer;
  private volatile int lastFound;

  private StuckTriggerSweep(
      SchedulerJobStore store, ClusterTiming timing, ScheduledExecutorService timer) {
    this.store = store;
    this.timing = timing;
    this.timer = timer;
  }

  static StuckTriggerSweep start(SchedulerJobStore store, ClusterTiming timing, String nodeId) {
    ScheduledExecutorService timer = NodeTimers.daemon("stuck-trigger-sweep-" + nodeId);
    StuckTriggerSweep sweep = new StuckTriggerSweep(store, timing, timer);
    timer.scheduleWithFixedDelay(
        sweep::sweep, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return sweep;
  }

  /** The triggers the last sweep found stuck (and released); 0 before the first sweep. */
  int lastFound() {
    return lastFound;
  }

  private void sweep() {
    try {
      List<Finding> findings = store.examineStuck(timing, true);
      lastFound = (int) findings.stream().filter(f -> TRIGGERS.contains(f.kind())).count();
      for (Finding finding : findings) {
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
