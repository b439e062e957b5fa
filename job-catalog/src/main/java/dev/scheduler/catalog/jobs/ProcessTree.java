package dev.scheduler.catalog.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process together with every process it started. */
final class ProcessTree {

  private ProcessTree() {}

  /**
   * Asks the process and its descendants to stop (SIGTERM), waits at most {@code grace} for them to
   * exit, then kills whatever is left (SIGKILL), including processes started in the meantime.
   * Returns without waiting for the kill to take effect. An interrupt while waiting cuts the grace
   * period short; the thread's interrupt flag is then set again.
   */
  static void terminate(ProcessHandle root, Duration grace) {
    // Taken first: once the root is gone, its children belong to init and are no descendants.
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);

    boolean interrupted = false;
    try {
      CompletableFuture.allOf(
              tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(grace.toNanos(), TimeUnit.NANOSECONDS);
      return;
    } catch (TimeoutException e) {
      // Something ignored the request to stop; it is killed below.
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (ExecutionException e) {
      // onExit futures do not fail; kill below to be sure.
    }
    for (ProcessHandle handle : tree) {
      if (handle.isAlive()) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
