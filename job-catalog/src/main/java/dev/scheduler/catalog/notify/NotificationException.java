package dev.scheduler.catalog.notify;

/** A notification that was not delivered; the message names where it went, never a secret. */
public final class NotificationException extends Exception {

  public NotificationException(String message) {
    super(message);
  }

  public NotificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
