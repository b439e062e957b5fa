package dev.scheduler.daemon.config;

import dev.scheduler.catalog.text.Placeholders;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment, injected so tests can set it. Substitutes {@code ${VAR}} and {@code
 * ${VAR:-fallback}} in configuration values.
 */
public final class Environment {

  private final Map<String, String> variables;

  private Environment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  public static Environment system() {
    return new Environment(System.getenv());
  }

  public static Environment of(Map<String, String> variables) {
    return new Environment(variables);
  }

  /** A variable's value; empty when it is unset or blank. */
  public Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The text with every {@code ${VAR}} replaced by the variable's value.
   *
   * @throws IllegalArgumentException naming the first variable that is not set
   */
  public String substitute(String text) {
    return placeholders().resolve(text);
  }

  /** Placeholders resolved from these variables. */
  public Placeholders placeholders() {
    return new Placeholders(variables::get);
  }
}
