package dev.scheduler.daemon.ops.alerts;

/** Where alerts go. Never throws and never blocks the caller (a job thread, a check-in). */
public interface AlertSink extends AutoCloseable {

  void send(Alert alert);

  @Override
  default void close() {}
}
