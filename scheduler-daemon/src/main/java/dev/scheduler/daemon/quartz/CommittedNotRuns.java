package dev.scheduler.daemon.quartz;

import dev.scheduler.daemon.history.HistoryRepository.NotRun;
import dev.scheduler.daemon.quartz.MissedFires.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the not-run rows a transaction wrote until it commits, then tells the {@link
 * NotRunListener}: a transaction that rolls back (and is retried) is not counted twice.
 * Transactions are confined to their thread, so the rows wait in a thread-local list.
 */
final class CommittedNotRuns {

  private static final Logger log = LoggerFactory.getLogger(CommittedNotRuns.class);

  private final ThreadLocal<List<Pending>> pending = ThreadLocal.withInitial(ArrayList::new);
  private volatile NotRunListener listener = NotRunListener.NONE;

  void listener(NotRunListener listener) {
    this.listener = listener;
  }

  /** Rows written in the current transaction. */
  void recorded(List<NotRun> rows, Cause cause) {
    if (listener == NotRunListener.NONE) {
      return;
    }
    String reason = cause.name().toLowerCase(Locale.ROOT);
    for (NotRun row : rows) {
      pending.get().add(new Pending(row, reason));
    }
  }

  /** The current transaction committed. Never throws: the commit is done. */
  void committed() {
    List<Pending> rows = pending.get();
    if (rows.isEmpty()) {
      return;
    }
    try {
      for (Pending row : rows) {
        listener.notRun(row.row().job(), row.row().status(), row.reason());
      }
    } catch (RuntimeException e) {
      log.warn("could not count {} fires that did not run: {}", rows.size(), e.toString());
    } finally {
      rows.clear();
    }
  }

  /** The current transaction rolled back: its rows were never written. */
  void rolledBack() {
    pending.get().clear();
  }

  private record Pending(NotRun row, String reason) {}
}
