package dev.scheduler.daemon.history;

import dev.scheduler.daemon.store.GroupCommit;
import java.time.Duration;

/**
 * Writes the execution history by group commit ({@link GroupCommit}): each caller waits only for
 * its own write to be durable, a burst of executions costs a few commits rather than one each, and
 * an outage delays writes without dropping them.
 */
public final class HistoryWriter implements RunRecorder, AutoCloseable {

  private final GroupCommit<HistoryWrite> commits;

  public HistoryWriter(HistoryRepository repository, String nodeId) {
    this.commits =
        new GroupCommit<>("history writes", "history-writer-" + nodeId, repository::write);
  }

  public void start() {
    commits.start();
  }

  /**
   * Queues a write and waits until it is committed. Returns early only when the writer is closing
   * and gives up on it, having logged it.
   */
  public void writeAndWait(HistoryWrite write) {
    commits.submitAndWait(write);
  }

  @Override
  public void started(ExecutionStart start) {
    writeAndWait(new HistoryWrite.Started(start));
  }

  @Override
  public void finished(ExecutionStart start, ExecutionEnd end) {
    writeAndWait(new HistoryWrite.Finished(start, end));
  }

  /** Stops accepting writes and flushes the queue for at most {@code timeout}. */
  public void close(Duration timeout) {
    commits.close(timeout);
  }

  @Override
  public void close() {
    commits.close();
  }
}
