package dev.scheduler.daemon.node;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The node's periodic housekeeping runs on timers of its own that never keep the JVM alive. */
final class NodeTimers {

  private NodeTimers() {}

  /** A single daemon thread named {@code name}. */
  static ScheduledExecutorService daemon(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}
