package dev.scheduler.daemon.history;

/**
 * Where the history listener records a run. On the embedded store that is the {@link
 * HistoryWriter}; on PostgreSQL the job store itself, which records a run's start in the
 * transaction that fires it and its outcome in the one that completes it.
 */
public interface RunRecorder {

  /** The run is about to start; returns once that is recorded, if this recorder records it. */
  void started(ExecutionStart start);

  /** The run ended; returns once the outcome is recorded or handed to the run's completion. */
  void finished(ExecutionStart start, ExecutionEnd end);
}
