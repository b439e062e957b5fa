package dev.scheduler.catalog.params;

import dev.scheduler.catalog.text.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The parameters a job type accepts. Validates raw configuration values, reporting every problem at
 * once, and binds them to typed {@link Params}.
 */
public final class ParamSpec {

  private final String typeName;
  private final Map<String, Param<?>> params = new LinkedHashMap<>();
  private final List<Function<Params, String>> rules;
  private final boolean anyTexts;

  private ParamSpec(
      String typeName,
      List<Param<?>> params,
      List<Function<Params, String>> rules,
      boolean anyTexts) {
    this.typeName = typeName;
    this.rules = List.copyOf(rules);
    this.anyTexts = anyTexts;
    for (Param<?> param : params) {
      if (this.params.put(param.name(), param) != null) {
        throw new IllegalArgumentException("parameter declared twice: " + param.name());
      }
    }
  }

  public static ParamSpec of(String typeName, Param<?>... params) {
    return new ParamSpec(typeName, List.of(params), List.of(), false);
  }

  /**
   * Any names, each with a text value: for job classes, which read their parameters themselves
   * ({@link Params#texts()}).
   */
  public static ParamSpec anyTexts(String typeName) {
    return new ParamSpec(typeName, List.of(), List.of(), true);
  }

  /**
   * This spec plus a rule over several parameters, checked once each one is valid on its own.
   *
   * @param rule "{@code name: what is wrong}", or null when the values are fine together
   */
  public ParamSpec withRule(Function<Params, String> rule) {
    List<Function<Params, String>> all = new ArrayList<>(rules);
    all.add(rule);
    return new ParamSpec(typeName, List.copyOf(params.values()), all, anyTexts);
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(params.keySet());
  }

  /**
   * Every problem with these raw values, each as "{@code name: what is wrong}", in declaration
   * order then unknown names; empty when they are valid.
   */
  public List<String> validate(Map<String, ?> raw) {
    List<String> problems = new ArrayList<>();
    for (Param<?> param : params.values()) {
      Object value = raw.get(param.name());
      if (value == null) {
        if (param.isRequired()) {
          problems.add(param.name() + ": required (" + param.kind().describe() + ")");
        }
        continue;
      }
      try {
        param.kind().read(value);
      } catch (IllegalArgumentException e) {
        problems.add(param.name() + ": " + e.getMessage());
      }
    }
    for (Map.Entry<String, ?> entry : raw.entrySet()) {
      String name = entry.getKey();
      if (params.containsKey(name)) {
        continue;
      }
      if (!anyTexts) {
        problems.add(name + ": " + unknown(name));
        continue;
      }
      try {
        ValueKinds.STRING.read(entry.getValue());
      } catch (IllegalArgumentException e) {
        problems.add(name + ": " + e.getMessage());
      }
    }
    if (problems.isEmpty() && !rules.isEmpty()) {
      Params bound = values(raw);
      for (Function<Params, String> rule : rules) {
        String problem = rule.apply(bound);
        if (problem != null) {
          problems.add(problem);
        }
      }
    }
    return problems;
  }

  /**
   * Binds valid raw values.
   *
   * @throws IllegalArgumentException listing every problem, when {@link #validate} finds any
   */
  public Params bind(Map<String, ?> raw) {
    List<String> problems = validate(raw);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid parameters for job type " + typeName + ": " + String.join("; ", problems));
    }
    return values(raw);
  }

  private Params values(Map<String, ?> raw) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param<?> param : params.values()) {
      Object value = raw.get(param.name());
      values.put(param.name(), value == null ? param.defaultValue() : param.kind().read(value));
    }
    if (anyTexts) {
      raw.forEach(
          (name, value) -> {
            if (!params.containsKey(name)) {
              values.put(name, ValueKinds.STRING.read(value));
            }
          });
    }
    return new Params(values);
  }

  /** The bound values written back as plain data, defaults included, for display. */
  public Map<String, Object> describe(Params bound) {
    Map<String, Object> plain = new LinkedHashMap<>();
    for (Param<?> param : params.values()) {
      plain.put(param.name(), write(param, bound));
    }
    return plain;
  }

  private static <T> Object write(Param<T> param, Params bound) {
    T value = bound.get(param);
    return value == null ? null : param.kind().write(value);
  }

  private String unknown(String name) {
    if (params.isEmpty()) {
      return "unknown parameter; the " + typeName + " type takes no parameters";
    }
    return "unknown parameter"
        + Suggestions.didYouMean(name, params.keySet())
        + "; the "
        + typeName
        + " type takes: "
        + String.join(", ", params.keySet());
  }
}
