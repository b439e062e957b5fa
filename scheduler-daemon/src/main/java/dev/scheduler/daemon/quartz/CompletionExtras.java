package dev.scheduler.daemon.quartz;

import dev.scheduler.daemon.history.ExecutionEnd;
import dev.scheduler.daemon.history.ExecutionStart;
import dev.scheduler.daemon.history.RunRecorder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.spi.OperableTrigger;

/**
 * Work that must commit in the same transaction as a run's completion, registered by the job
 * listeners before Quartz completes the firing: the retry of a failed run (so that a retry is never
 * lost, nor made twice, whatever happens to the node), leaving an interrupted recoverable run's
 * firing open so that a surviving node re-runs it, and, on the fast path, the run's outcome for its
 * history row.
 *
 * <p>As the fast path's {@link RunRecorder}: a run's start is already recorded by the transaction
 * that fired it, and its outcome is committed with its completion, so that the history and Quartz's
 * tables never disagree about whether a run is over.
 */
public final class CompletionExtras implements RunRecorder {

  private final Map<String, Extra> pending = new ConcurrentHashMap<>();

  /** After this run completes, store this one-shot trigger for its next attempt. */
  public void retry(String fireInstanceId, OperableTrigger retry) {
    pending.merge(fireInstanceId, new Extra(retry, false, null), Extra::and);
  }

  /** Do not complete this run: leave its firing to be recovered by another node. */
  public void leaveForRecovery(String fireInstanceId) {
    pending.merge(fireInstanceId, new Extra(null, true, null), Extra::and);
  }

  @Override
  public void started(ExecutionStart start) {
    // Recorded by the transaction that fired the run.
  }

  @Override
  public void finished(ExecutionStart start, ExecutionEnd end) {
    outcome(start.fireInstanceId(), end);
  }

  /** Record this outcome with the run's completion. */
  void outcome(String fireInstanceId, ExecutionEnd end) {
    pending.merge(fireInstanceId, new Extra(null, false, end), Extra::and);
  }

  /** This outcome, unless the run already has one. */
  void outcomeIfMissing(String fireInstanceId, ExecutionEnd end) {
    pending.merge(
        fireInstanceId,
        new Extra(null, false, end),
        (known, fallback) -> known.outcome() != null ? known : known.and(fallback));
  }

  /** What to do with this run's completion; never null. */
  Extra get(String fireInstanceId) {
    return pending.getOrDefault(fireInstanceId, Extra.NONE);
  }

  void done(String fireInstanceId) {
    pending.remove(fireInstanceId);
  }

  /** What to do with one completion. */
  record Extra(OperableTrigger retry, boolean leaveForRecovery, ExecutionEnd outcome) {

    static final Extra NONE = new Extra(null, false, null);

    Extra and(Extra later) {
      return new Extra(
          later.retry != null ? later.retry : retry,
          leaveForRecovery || later.leaveForRecovery,
          later.outcome != null ? later.outcome : outcome);
    }
  }
}
