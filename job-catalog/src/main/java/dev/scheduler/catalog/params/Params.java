package dev.scheduler.catalog.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job's validated parameter values, read by the {@link Param} constants of its type. */
public final class Params {

  private final Map<String, Object> values;

  Params(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** The value, or the parameter's default (possibly null) when it was not given. */
  @SuppressWarnings("unchecked")
  public <T> T get(Param<T> param) {
    if (!values.containsKey(param.name())) {
      throw new IllegalArgumentException(
          "parameter " + param.name() + " is not declared by this job type");
    }
    return (T) values.get(param.name());
  }

  /** Every value as text, by name: what {@link ParamSpec#anyTexts} binds for a job class. */
  public Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (value != null) {
            texts.put(name, String.valueOf(value));
          }
        });
    return Collections.unmodifiableMap(texts);
  }
}
