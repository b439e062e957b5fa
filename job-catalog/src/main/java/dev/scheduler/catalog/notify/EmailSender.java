package dev.scheduler.catalog.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

/**
 * Sends email through the configured SMTP server with Jakarta Mail. Every network step is bounded
 * by the settings' timeout, so a dead server fails a send instead of hanging its thread.
 */
public final class EmailSender {

  private final SmtpSettings settings;
  private final Clock clock;
  private final Session session;

  public EmailSender(SmtpSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.session = Session.getInstance(properties(settings));
  }

  static Properties properties(SmtpSettings settings) {
    String timeout = Long.toString(settings.timeout().toMillis());
    Properties properties = new Properties();
    properties.setProperty("mail.transport.protocol", "smtp");
    properties.setProperty("mail.smtp.host", settings.host());
    properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
    properties.setProperty("mail.smtp.connectiontimeout", timeout);
    properties.setProperty("mail.smtp.timeout", timeout);
    properties.setProperty("mail.smtp.writetimeout", timeout);
    properties.setProperty("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
    switch (settings.security()) {
      case STARTTLS -> {
        // Required, not merely enabled: never fall back to sending the password in the clear.
        properties.setProperty("mail.smtp.starttls.enable", "true");
        properties.setProperty("mail.smtp.starttls.required", "true");
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case SSL -> {
        properties.setProperty("mail.smtp.ssl.enable", "true");
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> {}
    }
    return properties;
  }

  /**
   * Sends one message.
   *
   * @throws NotificationException naming the server, when it could not be sent
   */
  public void send(EmailMessage email) throws NotificationException {
    try {
      MimeMessage message = message(email);
      if (settings.user().isPresent()) {
        Transport.send(message, settings.user().get(), settings.password().orElse(""));
      } else {
        Transport.send(message);
      }
    } catch (MessagingException e) {
      throw new NotificationException(
          "could not send email to "
              + String.join(", ", email.to())
              + " through "
              + settings.describe()
              + ": "
              + rootMessage(e),
          e);
    }
  }

  private MimeMessage message(EmailMessage email) throws MessagingException {
    String messageId =
        email.idempotencyKey() == null
            ? null
            : "<"
                + UUID.nameUUIDFromBytes(email.idempotencyKey().getBytes(StandardCharsets.UTF_8))
                + "@scheduler>";
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
              super.updateMessageID();
            } else {
              setHeader("Message-ID", messageId);
            }
          }
        };
    message.setFrom(new InternetAddress(settings.from()));
    message.setRecipients(
        Message.RecipientType.TO, InternetAddress.parse(String.join(",", email.to()), true));
    message.setSubject(email.subject(), "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    message.setContent(content(email));
    return message;
  }

  private static Multipart content(EmailMessage email) throws MessagingException {
    MimeMultipart body = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8");
    body.addBodyPart(text);
    if (email.html() != null) {
      MimeBodyPart html = new MimeBodyPart();
      html.setText(email.html(), "UTF-8", "html");
      body.addBodyPart(html);
    }
    if (email.attachments().isEmpty()) {
      return body;
    }
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart bodyPart = new MimeBodyPart();
    bodyPart.setContent(body);
    mixed.addBodyPart(bodyPart);
    for (EmailMessage.Attachment attachment : email.attachments()) {
      MimeBodyPart part = new MimeBodyPart();
      part.setContent(attachment.content(), attachment.contentType() + "; charset=UTF-8");
      part.setFileName(attachment.fileName());
      part.setDisposition(MimeBodyPart.ATTACHMENT);
      mixed.addBodyPart(part);
    }
    return mixed;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
