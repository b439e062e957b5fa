package dev.scheduler.daemon.quartz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.quartz.JobPersistenceException;
import org.quartz.spi.OperableTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acquires the next batch of due triggers on a thread of its own while the scheduler thread fires
 * the current one, so that in a burst the scheduler thread goes from one firing to the next without
 * waiting for an acquisition in between.
 *
 * <p>Why this keeps Quartz's guarantees:
 *
 * <ul>
 *   <li>A trigger acquired ahead is claimed as any other (ACQUIRED, with this node's firing record
 *       in the same transaction); it is only held a little longer, until the scheduler thread's
 *       next acquisition takes it.
 *   <li>No fire is lost: what is held is handed over at the next acquisition, or released (ACQUIRED
 *       to WAITING) when the node stops; if the node dies, cluster recovery releases it as it does
 *       any trigger the dead node had acquired.
 *   <li>None runs twice: firing moves a trigger on only while this node's firing record of it is
 *       still there ({@link FastFiring}), so a trigger that peers recovered from this node while it
 *       was held (and may have acquired again) is not fired here.
 * </ul>
 */
final class AcquireAhead implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AcquireAhead.class);

  /** One acquisition of up to {@code maxCount} due triggers, in a transaction of its own. */
  @FunctionalInterface
  interface Acquisition {
    List<OperableTrigger> acquire(int maxCount) throws JobPersistenceException;
  }

  private final ExecutorService thread;
  private final Deque<OperableTrigger> held = new ArrayDeque<>();
  private Future<List<OperableTrigger>> pending;
  private boolean closed;

  AcquireAhead(String nodeId) {
    this.thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread acquirer = new Thread(runnable, "acquire-ahead-" + nodeId);
              acquirer.setDaemon(true);
              return acquirer;
            });
  }

  /**
   * Up to {@code maxCount} triggers acquired ahead, in fire-time order, once the acquisition under
   * way (if any) is done; empty when none are held.
   */
  synchronized List<OperableTrigger> take(int maxCount) {
    collect();
    List<OperableTrigger> batch = new ArrayList<>();
    while (batch.size() < maxCount && !held.isEmpty()) {
      batch.add(held.poll());
    }
    return batch;
  }

  /** Starts acquiring up to {@code maxCount} more in the background, unless enough are held. */
  synchronized void ahead(int maxCount, Acquisition acquisition) {
    if (closed || pending != null || held.size() >= maxCount) {
      return;
    }
    int count = maxCount - held.size();
    pending = thread.submit(() -> acquisition.acquire(count));
  }

  /** Stops acquiring ahead and gives back what is held. */
  synchronized void close(Consumer<OperableTrigger> release) {
    closed = true;
    collect();
    while (!held.isEmpty()) {
      release.accept(held.poll());
    }
    thread.shutdown();
  }

  @Override
  public void close() {
    close(trigger -> {});
  }

  private void collect() {
    if (pending == null) {
      return;
    }
    try {
      held.addAll(pending.get());
    } catch (InterruptedException e) {
      // The acquisition stays pending: the next take collects it.
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException e) {
      // Its transaction rolled back: nothing was acquired; the scheduler thread acquires itself.
      log.warn(
          "acquiring the next triggers ahead failed ({}); acquiring them when due instead",
          e.getCause().getMessage());
    }
    pending = null;
  }
}
