package dev.scheduler.daemon.store;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits work through one thread, whatever has queued up in one transaction (group commit): a
 * burst costs a few commits rather than one per item, and nobody waits longer than one commit.
 *
 * <p>While the database is unreachable a batch is retried with backoff until it is back; nothing is
 * dropped. An item the database rejects for good (a bug, not an outage) is committed apart from the
 * rest and, if it fails alone, logged in full at ERROR, never silently lost.
 *
 * @param <T> one item of work
 */
public final class GroupCommit<T> implements AutoCloseable {

  /** Commits a batch in one transaction, or throws and commits nothing. */
  @FunctionalInterface
  public interface Batch<T> {
    void commit(List<T> items) throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  static final int MAX_BATCH = 1000;
  static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(100);
  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

  private final String what;
  private final Batch<T> batch;
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;

  /**
   * @param what the items, plural, for the log ("history writes")
   * @param threadName the committing thread's name
   */
  public GroupCommit(String what, String threadName, Batch<T> batch) {
    this.what = what;
    this.batch = batch;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /**
   * Queues an item; the future completes once it is committed, or exceptionally once it is given up
   * (logged). After {@link #close} items are given up at once.
   */
  public CompletableFuture<Void> submit(T item) {
    Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
    if (closing) {
      lost(List.of(pending), "the node is stopping");
    } else {
      queue.add(pending);
    }
    return pending.done();
  }

  /** Queues an item and waits until it is committed or given up. */
  public void submitAndWait(T item) {
    try {
      submit(item).get();
    } catch (InterruptedException e) {
      // The item stays queued and will still be committed; only this wait ends.
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // Already logged.
    }
  }

  /** Stops taking items and commits what is queued for at most {@code timeout}. */
  public void close(Duration timeout) {
    closing = true;
    Pending<T> marker = new Pending<>(null, new CompletableFuture<>());
    queue.add(marker);
    try {
      marker.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.error("{} not all committed within {} s", what, timeout.toSeconds());
    }
    thread.interrupt();
    List<Pending<T>> left = new ArrayList<>();
    queue.drainTo(left);
    left.removeIf(pending -> pending.item() == null);
    if (!left.isEmpty()) {
      lost(left, "the database did not take them before the node stopped");
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private void run() {
    List<Pending<T>> pending = new ArrayList<>();
    while (true) {
      try {
        pending.add(queue.take());
        queue.drainTo(pending, MAX_BATCH - 1);
        commitWithRetry(pending);
        pending.clear();
      } catch (InterruptedException e) {
        if (!pending.isEmpty()) {
          lost(pending, "the node stopped before the database took them");
        }
        return;
      } catch (RuntimeException e) {
        log.error("{}: unexpected error; the batch is logged and the thread goes on", what, e);
        lost(pending, "of an unexpected error: " + e);
        pending.clear();
      }
    }
  }

  private void commitWithRetry(List<Pending<T>> pending) throws InterruptedException {
    List<T> items = new ArrayList<>();
    for (Pending<T> item : pending) {
      if (item.item() != null) {
        items.add(item.item());
      }
    }
    Duration delay = FIRST_RETRY_DELAY;
    long failingSince = 0;
    while (!items.isEmpty()) {
      try {
        batch.commit(items);
        if (failingSince != 0) {
          log.info(
              "{} recovered after {} ms; {} queued committed",
              what,
              System.nanoTime() / 1_000_000 - failingSince,
              items.size());
        }
        break;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (!isTransient(e)) {
          commitOneByOne(pending);
          break;
        }
        if (failingSince == 0) {
          failingSince = System.nanoTime() / 1_000_000;
          log.warn(
              "{} failing ({}); retrying with backoff up to {} s, {} waiting, nothing is dropped",
              what,
              e.getMessage(),
              MAX_RETRY_DELAY.toSeconds(),
              items.size());
        }
        Thread.sleep(delay.toMillis());
        delay =
            delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0
                ? MAX_RETRY_DELAY
                : delay.multipliedBy(2);
      }
    }
    for (Pending<T> item : pending) {
      item.done().complete(null);
    }
  }

  /** After a permanent error: commit what can be, log in full what the database refuses. */
  private void commitOneByOne(List<Pending<T>> pending) throws InterruptedException {
    for (Pending<T> item : pending) {
      if (item.item() == null) {
        continue;
      }
      try {
        batch.commit(List.of(item.item()));
        item.done().complete(null);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        log.error(
            "{}: refused by the database and not retried: {} ({})", what, item.item(), message(e));
        item.done().completeExceptionally(e);
      }
    }
  }

  private void lost(List<Pending<T>> pending, String why) {
    for (Pending<T> item : pending) {
      log.error("{}: not committed because {}: {}", what, why, item.item());
      item.done().completeExceptionally(new IllegalStateException(why));
    }
  }

  /**
   * Connection trouble, deadlocks and the like pass; data and programming errors (SQL states 22,
   * 23, 42) do not. The first {@link SQLException} in the cause chain decides.
   */
  public static boolean isTransient(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientException) {
        return true;
      }
      if (cause instanceof SQLException sql) {
        String state = sql.getSQLState();
        return state == null
            || !(state.startsWith("22") || state.startsWith("23") || state.startsWith("42"));
      }
    }
    return false;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private record Pending<T>(T item, CompletableFuture<Void> done) {}
}
