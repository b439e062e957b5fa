package dev.scheduler.daemon.ops.alerts;

import dev.scheduler.catalog.notify.NotificationException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to a remote sink (a webhook, a mail server) one at a time on a thread of its own:
 * a slow or dead receiver never holds up a job thread or a check-in. When too many wait, new ones
 * are dropped with a warning. Failures are logged, never thrown.
 */
final class QueuedAlertSink implements AlertSink {

  private static final Logger log = LoggerFactory.getLogger(LogAlertSink.LOGGER);

  static final int QUEUE_CAPACITY = 100;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /** Sends one alert, blocking until it is delivered or has failed. */
  @FunctionalInterface
  interface Delivery {
    void deliver(Alert alert) throws NotificationException, InterruptedException;
  }

  private final String name;
  private final Delivery delivery;
  private final ThreadPoolExecutor sender;

  /**
   * @param name the sink as messages show it, with nothing secret in it: "webhook https://host"
   */
  QueuedAlertSink(String name, String threadName, Delivery delivery) {
    this.name = name;
    this.delivery = delivery;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void send(Alert alert) {
    try {
      sender.execute(() -> deliver(alert));
    } catch (RejectedExecutionException e) {
      log.warn(
          "alert {}: {} alerts are waiting already; dropped: {}",
          name,
          QUEUE_CAPACITY,
          alert.summary());
    }
  }

  private void deliver(Alert alert) {
    try {
      delivery.deliver(alert);
    } catch (NotificationException | RuntimeException e) {
      log.warn("alert {} not delivered ({}): {}", name, e.getMessage(), alert.summary());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends what waits for at most a moment, then gives up on the rest. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        int left = sender.shutdownNow().size();
        log.warn("alert {}: {} alerts not sent as the node stopped", name, left);
      }
    } catch (InterruptedException e) {
      sender.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
