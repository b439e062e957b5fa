package dev.scheduler.catalog.notify;

import java.util.List;
import java.util.Objects;

/**
 * One email.
 *
 * @param to the recipients
 * @param subject one line
 * @param text the plain-text body, for every mail reader
 * @param html an HTML alternative to the text, or null
 * @param attachments files attached
 * @param idempotencyKey the same for every send of the same notification (a run key): it becomes
 *     the Message-ID, so a repeated send is recognisable as the same message
 */
public record EmailMessage(
    List<String> to,
    String subject,
    String text,
    String html,
    List<Attachment> attachments,
    String idempotencyKey) {

  public EmailMessage {
    to = List.copyOf(to);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
  }

  /** A plain-text message. */
  public static EmailMessage text(List<String> to, String subject, String text) {
    return new EmailMessage(to, subject, text, null, List.of(), null);
  }

  /** A file attached to a message. */
  public record Attachment(String fileName, String contentType, String content) {}
}
