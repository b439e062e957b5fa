package dev.scheduler.daemon.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The log format {@code logback.xml} selects its console encoder by: {@code SCHEDULER_LOG_FORMAT},
 * {@code text} (the default) or {@code json}.
 *
 * <p>An unknown value logs as text with a one-line warning, so a typo never costs the logs. The
 * warning goes straight to stderr: logback is still being configured, and a warning in its status
 * would print logback's whole status list instead of one line.
 */
public final class LogFormatProperty extends PropertyDefinerBase {

  static final String VARIABLE = "SCHEDULER_LOG_FORMAT";
  static final String TEXT = "text";
  static final String JSON = "json";

  @Override
  public String getPropertyValue() {
    return resolve(System.getenv(VARIABLE), System.err);
  }

  /** {@code text} or {@code json} for the variable's value; warns on anything else. */
  static String resolve(String value, PrintStream warnings) {
    if (value == null || value.isBlank()) {
      return TEXT;
    }
    String format = value.strip().toLowerCase(Locale.ROOT);
    if (format.equals(TEXT) || format.equals(JSON)) {
      return format;
    }
    warnings.println(
        "warning: "
            + VARIABLE
            + "="
            + value
            + " is not a log format; set it to text or json (logging as text)");
    return TEXT;
  }
}
