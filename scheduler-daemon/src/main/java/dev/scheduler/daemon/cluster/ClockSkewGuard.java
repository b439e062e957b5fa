package dev.scheduler.daemon.cluster;

import dev.scheduler.daemon.config.ClusterTiming;
import java.util.OptionalLong;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on the clock skew each check-in measures. A node fires triggers by its own clock, so one
 * whose clock is off fires early or late: beyond {@code clockSkewWarning} it says so (at most once
 * a minute); beyond {@code clockSkewLimit} it steps back, taking no fires, until its clock is back
 * within the limit.
 */
public final class ClockSkewGuard {

  private static final Logger log = LoggerFactory.getLogger(ClockSkewGuard.class);
  static final long WARN_EVERY_MILLIS = 60_000;

  /** What a measured skew calls for. */
  public enum Verdict {
    FINE,
    WARN,
    STEP_BACK
  }

  private final ClusterTiming timing;
  private Scheduler scheduler;
  private boolean steppedBack;
  private long lastWarning;
  private Long lastSkewMillis;

  public ClockSkewGuard(ClusterTiming timing) {
    this.timing = timing;
  }

  /** The scheduler to step back, once it exists. */
  public synchronized void attach(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  public Verdict verdict(long skewMillis) {
    long size = Math.abs(skewMillis);
    if (size > timing.clockSkewLimit().toMillis()) {
      return Verdict.STEP_BACK;
    }
    return size > timing.clockSkewWarning().toMillis() ? Verdict.WARN : Verdict.FINE;
  }

  /** Called at each check-in with the node's clock minus the database's. */
  public synchronized void measured(long skewMillis) {
    lastSkewMillis = skewMillis;
    Verdict verdict = verdict(skewMillis);
    long now = System.currentTimeMillis();
    try {
      if (verdict == Verdict.STEP_BACK && !steppedBack && scheduler != null) {
        steppedBack = true;
        scheduler.standby();
        log.error(
            "this node's clock is {} ms off the database's, beyond clockSkewLimit ({} ms): it takes"
                + " no fires until its clock is fixed (check NTP)",
            skewMillis,
            timing.clockSkewLimit().toMillis());
      } else if (verdict != Verdict.STEP_BACK && steppedBack && scheduler != null) {
        steppedBack = false;
        scheduler.start();
        log.info(
            "this node's clock is back within the limit ({} ms off): it fires again", skewMillis);
      } else if (verdict == Verdict.WARN && now - lastWarning > WARN_EVERY_MILLIS) {
        lastWarning = now;
        log.warn(
            "this node's clock is {} ms off the database's (warning above {} ms, stepping back"
                + " above {} ms); check NTP",
            skewMillis,
            timing.clockSkewWarning().toMillis(),
            timing.clockSkewLimit().toMillis());
      }
    } catch (SchedulerException e) {
      log.error("could not act on a clock skew of {} ms", skewMillis, e);
    }
  }

  /** The skew the last check-in measured, in milliseconds; empty before the first. */
  public synchronized OptionalLong lastSkewMillis() {
    return lastSkewMillis == null ? OptionalLong.empty() : OptionalLong.of(lastSkewMillis);
  }

  public synchronized boolean steppedBack() {
    return steppedBack;
  }
}
