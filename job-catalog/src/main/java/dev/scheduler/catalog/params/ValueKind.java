package dev.scheduler.catalog.params;

/**
 * How one kind of parameter value is read from configuration (a YAML scalar, list or map) into a
 * typed value.
 *
 * @param <T> the typed value
 */
public interface ValueKind<T> {

  /**
   * Reads a raw configuration value.
   *
   * @throws IllegalArgumentException with a message that names the value and the expected form
   */
  T read(Object raw);

  /** What a valid value looks like, for messages: "a duration such as 30s". */
  String describe();

  /** The value written back as plain data (strings, lists, maps) for storage and display. */
  default Object write(T value) {
    return value.toString();
  }
}
