package dev.scheduler.daemon;

/** An operator's request that cannot be carried out; the message says why and what to do. */
public final class OperationFailedException extends RuntimeException {

  public OperationFailedException(String message) {
    super(message);
  }

  public OperationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
