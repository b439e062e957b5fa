package dev.scheduler.daemon.execution;

import dev.scheduler.catalog.text.Durations;
import dev.scheduler.daemon.history.HistoryWrite;
import dev.scheduler.daemon.history.HistoryWriter;
import dev.scheduler.daemon.history.RunNotes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.UnableToInterruptJobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interrupts runs that outlive their job's timeout; they end as TIMED_OUT. A run that ignores the
 * interrupt is reported, in the log and on its history row, and keeps its thread; the node's other
 * threads carry on.
 */
final class TimeoutWatchdog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TimeoutWatchdog.class);

  /** How long an interrupted run may take to stop before it is reported as ignoring it. */
  static final Duration INTERRUPT_GRACE = Duration.ofSeconds(10);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "timeout-watchdog");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, ScheduledFuture<?>> watched = new ConcurrentHashMap<>();
  private final HistoryWriter history;

  TimeoutWatchdog(HistoryWriter history) {
    this.history = history;
  }

  void watch(JobExecutionContext context, Duration timeout) {
    String id = context.getFireInstanceId();
    watched.put(
        id,
        timer.schedule(() -> timeOut(context, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  void unwatch(JobExecutionContext context) {
    ScheduledFuture<?> pending = watched.remove(context.getFireInstanceId());
    if (pending != null) {
      pending.cancel(false);
    }
  }

  private void timeOut(JobExecutionContext context, Duration timeout) {
    try {
      String id = context.getFireInstanceId();
      String job = context.getJobDetail().getKey().getName();
      RunNotes.markTimedOut(context);
      RunNotes.note(context, "ran longer than its timeout of " + Durations.format(timeout));
      log.warn(
          "job {} ({}) ran longer than its timeout of {}: interrupting it",
          job,
          id,
          Durations.format(timeout));
      if (context.getJobInstance() instanceof InterruptableJob interruptable) {
        interruptable.interrupt();
      }
      watched.put(
          id,
          timer.schedule(
              () -> reportIgnored(context, timeout),
              INTERRUPT_GRACE.toMillis(),
              TimeUnit.MILLISECONDS));
    } catch (RuntimeException | UnableToInterruptJobException e) {
      log.error("could not time out {}; it keeps running", context.getFireInstanceId(), e);
    }
  }

  private void reportIgnored(JobExecutionContext context, Duration timeout) {
    try {
      String note =
          "ignored the interrupt "
              + INTERRUPT_GRACE.toSeconds()
              + " s after its "
              + Durations.format(timeout)
              + " timeout and still holds a job thread";
      log.error(
          "job {} ({}) {}",
          context.getJobDetail().getKey().getName(),
          context.getFireInstanceId(),
          note);
      history.writeAndWait(new HistoryWrite.Noted(context.getFireInstanceId(), note));
    } catch (RuntimeException e) {
      log.error("could not report {} ignoring its interrupt", context.getFireInstanceId(), e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
