package dev.scheduler.catalog.text;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-fallback}} references to environment variables, replaced from a
 * lookup. Job parameters keep their references in the job store and are resolved on the node that
 * runs the job, so secrets never reach the database or the logs.
 */
public final class Placeholders {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Function<String, String> lookup;

  public Placeholders(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  /** Placeholders resolved from this process's environment. */
  public static Placeholders fromSystemEnvironment() {
    return new Placeholders(System::getenv);
  }

  /**
   * The text with every reference replaced.
   *
   * @throws IllegalArgumentException naming the first variable that is not set
   */
  public String resolve(String text) {
    if (text.indexOf("${") < 0) {
      return text;
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String fallback = matcher.group(2);
      String value = lookup.apply(name);
      if (value == null) {
        if (fallback == null) {
          throw new IllegalArgumentException(
              "environment variable "
                  + name
                  + " is not set; set it, or write ${"
                  + name
                  + ":-fallback} for a default");
        }
        value = fallback;
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /** Every text inside maps and lists resolved, the structure kept. */
  public Object resolveAll(Object value) {
    if (value instanceof String text) {
      return resolve(text);
    }
    if (value instanceof java.util.Map<?, ?> map) {
      java.util.Map<String, Object> resolved = new java.util.LinkedHashMap<>();
      map.forEach((key, item) -> resolved.put(String.valueOf(key), resolveAll(item)));
      return resolved;
    }
    if (value instanceof java.util.List<?> list) {
      return list.stream().map(this::resolveAll).toList();
    }
    return value;
  }
}
