package dev.scheduler.catalog.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sends through a real SMTP server running inside the test (GreenMail). */
class EmailSenderTest {

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("sched", "s3cret"));

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);

  private SmtpSettings settings(Optional<String> user, Optional<String> password) {
    return new SmtpSettings(
        "127.0.0.1",
        smtp.getSmtp().getPort(),
        SmtpSettings.Security.NONE,
        user,
        password,
        "scheduler@example.com",
        Duration.ofSeconds(5));
  }

  @Test
  void sendsTextHtmlAndAnAttachmentWithALogin() throws Exception {
    EmailSender sender =
        new EmailSender(settings(Optional.of("sched"), Optional.of("s3cret")), CLOCK);

    sender.send(
        new EmailMessage(
            List.of("ops@example.com", "team@example.com"),
            "Scheduler daily report für 2026-11-24",
            "2 jobs, 6 runs, 2 failed",
            "<h1>daily report</h1>",
            List.of(new EmailMessage.Attachment("report.csv", "text/csv", "job,runs\nsync,3\n")),
            "report@2026-11-25T06:00:00Z"));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage message = received[0];
    assertThat(message.getSubject()).isEqualTo("Scheduler daily report für 2026-11-24");
    assertThat(message.getFrom()[0].toString()).isEqualTo("scheduler@example.com");
    assertThat(message.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
    Multipart mixed = (Multipart) message.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(GreenMailUtil.getBody(alternative.getBodyPart(0)))
        .isEqualTo("2 jobs, 6 runs, 2 failed");
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("report.csv");
    assertThat(GreenMailUtil.getBody(mixed.getBodyPart(1))).contains("sync,3");
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameMessageId() throws Exception {
    EmailSender sender = new EmailSender(settings(Optional.empty(), Optional.empty()), CLOCK);
    EmailMessage once =
        new EmailMessage(List.of("ops@example.com"), "s", "t", null, List.of(), "run-1");

    sender.send(once);
    sender.send(once);
    sender.send(EmailMessage.text(List.of("ops@example.com"), "other", "t"));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(3);
    assertThat(received[0].getMessageID())
        .isEqualTo(received[1].getMessageID())
        .isNotEqualTo(received[2].getMessageID())
        .endsWith("@scheduler>");
  }

  @Test
  void aServerThatIsNotThereFailsWithTheServerInTheMessage() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    EmailSender sender =
        new EmailSender(
            new SmtpSettings(
                "127.0.0.1",
                closedPort,
                SmtpSettings.Security.NONE,
                Optional.of("sched"),
                Optional.of("s3cret"),
                "scheduler@example.com",
                Duration.ofSeconds(2)),
            CLOCK);

    assertThatThrownBy(
            () -> sender.send(EmailMessage.text(List.of("ops@example.com"), "subject", "text")))
        .isInstanceOf(NotificationException.class)
        .hasMessageStartingWith(
            "could not send email to ops@example.com through smtp://127.0.0.1:" + closedPort)
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void settingsAreCheckedAndThePasswordIsNeverPrinted() {
    SmtpSettings settings = settings(Optional.of("sched"), Optional.of("s3cret"));
    assertThat(settings.toString()).doesNotContain("s3cret").contains("******");
    assertThatThrownBy(() -> SmtpSettings.checkPort(0))
        .hasMessage("0 is not a TCP port (1 to 65535); SMTP uses 587, 465 or 25");
    assertThatThrownBy(() -> SmtpSettings.Security.parse("tls1.3"))
        .hasMessage("'tls1.3' is not starttls, ssl or none (how the SMTP connection is protected)");
    assertThatThrownBy(() -> EmailAddresses.check("ops at example"))
        .hasMessage("'ops at example' is not an email address; write one such as ops@example.com");
    assertThatThrownBy(() -> EmailAddresses.checkAll(List.of()))
        .hasMessage("no address; list at least one, such as [ops@example.com]");
  }
}
