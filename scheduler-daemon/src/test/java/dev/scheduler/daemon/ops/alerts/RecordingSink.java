package dev.scheduler.daemon.ops.alerts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps what it is sent. */
final class RecordingSink implements AlertSink {

  final List<Alert> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(Alert alert) {
    sent.add(alert);
  }

  List<String> summaries() {
    return sent.stream().map(Alert::summary).toList();
  }
}
