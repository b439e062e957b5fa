package dev.scheduler.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for the systems under measurement; the benchmark is not a test and may poll. */
final class Waits {

  private Waits() {}

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Polls until the condition holds; false if the timeout passed first. */
  static boolean until(Duration timeout, long everyMillis, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause(everyMillis);
    }
    return true;
  }
}
