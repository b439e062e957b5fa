package dev.scheduler.daemon.ops.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every alert as one log line: WARN for problems, INFO for a recovery. */
final class LogAlertSink implements AlertSink {

  /** One logger name for every alert, so that operators can route alerts on their own. */
  static final String LOGGER = "dev.scheduler.daemon.alerts";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  @Override
  public void send(Alert alert) {
    String details = alert.details().isEmpty() ? "" : " [" + alert.details() + "]";
    if (alert.kind() == AlertKind.RECOVERED) {
      log.info("alert {}: {}{}", alert.kind().word(), alert.summary(), details);
    } else {
      log.warn("alert {}: {}{}", alert.kind().word(), alert.summary(), details);
    }
  }
}
