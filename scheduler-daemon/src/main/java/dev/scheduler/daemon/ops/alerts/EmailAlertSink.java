package dev.scheduler.daemon.ops.alerts;

import dev.scheduler.catalog.notify.EmailMessage;
import dev.scheduler.catalog.notify.EmailSender;
import java.util.List;

/** Alerts as short plain-text emails, the summary as the subject, through the configured SMTP. */
final class EmailAlertSink {

  private EmailAlertSink() {}

  static AlertSink to(EmailSender sender, List<String> recipients) {
    return new QueuedAlertSink(
        "email to " + String.join(", ", recipients),
        "alerts-email",
        alert -> sender.send(message(alert, recipients)));
  }

  static EmailMessage message(Alert alert, List<String> recipients) {
    String subject = "[scheduler] " + alert.kind().word() + ": " + alert.summary();
    StringBuilder text = new StringBuilder(alert.summary()).append("\n\n");
    if (!alert.details().isEmpty()) {
      text.append(alert.details()).append("\n\n");
    }
    text.append("kind: ").append(alert.kind().word()).append('\n');
    if (alert.job() != null) {
      text.append("job:  ").append(alert.job()).append('\n');
    }
    text.append("node: ").append(alert.node()).append('\n');
    text.append("at:   ").append(alert.at()).append('\n');
    return EmailMessage.text(recipients, subject, text.toString());
  }
}
