package dev.scheduler.daemon.history;

/** One change to the execution history, as the writer queues it. */
public sealed interface HistoryWrite {

  /** An execution started: a RUNNING row. */
  record Started(ExecutionStart start) implements HistoryWrite {}

  /**
   * An execution ended: its row gets the outcome. The start travels along so that the row can be
   * written whole if its start was never recorded.
   */
  record Finished(ExecutionStart start, ExecutionEnd end) implements HistoryWrite {}

  /** A note on a run that is still going, e.g. that it ignores being interrupted. */
  record Noted(String fireInstanceId, String note) implements HistoryWrite {}
}
