package dev.scheduler.catalog.text;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration and on the command line: {@code 500ms}, {@code
 * 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or combined such as {@code 1h30m}.
 */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /** Appended to every parse error, so the user sees the accepted form. */
  public static final String FORM = "write it like 500ms, 30s, 5m, 2h, 1d or 1h30m";

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the value and the accepted form
   */
  public static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (!WHOLE.matcher(value).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; " + FORM);
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(value);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
              });
    }
    return total;
  }

  /** The shortest form {@link #parse} reads back to the same duration, e.g. {@code 1h30m}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long millis = duration.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (millis >= units[i]) {
        text.append(millis / units[i]).append(names[i]);
        millis %= units[i];
      }
    }
    return text.toString();
  }
}
