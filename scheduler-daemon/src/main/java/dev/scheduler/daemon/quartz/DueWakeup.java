package dev.scheduler.daemon.quartz;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Wakes this node's scheduler thread when the next trigger anywhere comes due.
 *
 * <p>Quartz's scheduler thread sleeps for its idle wait (up to 30 s) after an acquisition that
 * found nothing. With batch acquisition that also happens when peers have acquired every due
 * trigger: the node would then sit idle while a busy peer falls behind. Waking at the next due time
 * keeps every node competing for work, at no cost while nothing is due.
 */
final class DueWakeup implements AutoCloseable {

  /** The soonest a node tries again while its peers hold every due trigger. */
  static final long MIN_DELAY_MILLIS = 50;

  /** How far ahead of its fire time a trigger is acquired. */
  static final long ACQUIRE_AHEAD_MILLIS = 250;

  /** How long before the next fire time the node wakes to acquire it. */
  static final long LEAD_MILLIS = 100;

  /** Spread of the wake-ups, so that no node wins every race for a fire time by its timing. */
  static final long JITTER_MILLIS = 40;

  private final ScheduledExecutorService timer;
  private final LongConsumer wake;
  private ScheduledFuture<?> pending;
  private long pendingAt;

  /**
   * @param wake signals the scheduler thread, with the fire time that woke it
   */
  DueWakeup(String nodeId, LongConsumer wake) {
    this.wake = wake;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "due-wakeup-" + nodeId);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Wake shortly before {@code dueAt} (epoch millis), but no sooner than {@link #MIN_DELAY_MILLIS}
   * from now.
   */
  synchronized void at(long dueAt, long now) {
    long jitter = ThreadLocalRandom.current().nextLong(JITTER_MILLIS);
    long at = Math.max(dueAt - LEAD_MILLIS + jitter, now + MIN_DELAY_MILLIS);
    if (pending != null && !pending.isDone() && pendingAt <= at) {
      return;
    }
    cancel();
    pendingAt = at;
    pending = timer.schedule(() -> wake.accept(dueAt), at - now, TimeUnit.MILLISECONDS);
  }

  /** The thread found work; no need to wake it. */
  synchronized void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
