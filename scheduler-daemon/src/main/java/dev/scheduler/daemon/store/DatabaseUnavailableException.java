package dev.scheduler.daemon.store;

/**
 * The scheduler's database cannot be reached or refuses us; the message says why and what to do.
 */
public final class DatabaseUnavailableException extends RuntimeException {

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
