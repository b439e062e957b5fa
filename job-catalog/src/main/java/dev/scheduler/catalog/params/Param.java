package dev.scheduler.catalog.params;

import java.util.Objects;

/**
 * One declared parameter of a job type: its name, its kind, and whether it is required or else its
 * default. Job types keep them as constants and read values with {@link Params#get(Param)}.
 *
 * @param <T> the parameter's typed value
 */
public final class Param<T> {

  private final String name;
  private final ValueKind<T> kind;
  private final boolean required;
  private final T defaultValue;

  private Param(String name, ValueKind<T> kind, boolean required, T defaultValue) {
    this.name = Objects.requireNonNull(name);
    this.kind = Objects.requireNonNull(kind);
    this.required = required;
    this.defaultValue = defaultValue;
  }

  public static <T> Param<T> required(String name, ValueKind<T> kind) {
    return new Param<>(name, kind, true, null);
  }

  /** An optional parameter; {@code defaultValue} may be null for "absent unless given". */
  public static <T> Param<T> optional(String name, ValueKind<T> kind, T defaultValue) {
    return new Param<>(name, kind, false, defaultValue);
  }

  public String name() {
    return name;
  }

  public ValueKind<T> kind() {
    return kind;
  }

  public boolean isRequired() {
    return required;
  }

  public T defaultValue() {
    return defaultValue;
  }
}
