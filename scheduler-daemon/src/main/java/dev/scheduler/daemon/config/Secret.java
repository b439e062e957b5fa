package dev.scheduler.daemon.config;

/** A value that must never be printed or logged: its {@link #toString()} is a mask. */
public final class Secret {

  public static final String MASK = "******";

  private final String value;

  public Secret(String value) {
    this.value = value;
  }

  /** The secret itself, for the one place that needs it (a connection, a request). */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
