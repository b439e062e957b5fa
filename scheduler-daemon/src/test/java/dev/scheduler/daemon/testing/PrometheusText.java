package dev.scheduler.daemon.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in Prometheus's text format, read into series for assertions. */
public final class PrometheusText {

  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: a metric name, its labels and its value. */
  public record Series(String name, Map<String, String> labels, double value) {

    /** Whether it has every one of these labels, given as name, value, name, value... */
    boolean has(String... labelPairs) {
      for (int i = 0; i < labelPairs.length; i += 2) {
        if (!labelPairs[i + 1].equals(labels.get(labelPairs[i]))) {
          return false;
        }
      }
      return true;
    }
  }

  private final String text;
  private final List<Series> series = new ArrayList<>();

  public PrometheusText(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a Prometheus sample: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      series.add(new Series(sample.group(1), labels, number(sample.group(3))));
    }
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  /** Every series of that metric with these labels (name, value, name, value...). */
  public List<Series> all(String name, String... labelPairs) {
    return series.stream().filter(s -> s.name().equals(name) && s.has(labelPairs)).toList();
  }

  /** The value of the one series of that metric with these labels; 0 when there is none. */
  public double value(String name, String... labelPairs) {
    List<Series> found = all(name, labelPairs);
    if (found.size() > 1) {
      throw new AssertionError(
          "several series of " + name + " match " + String.join(",", labelPairs) + ":\n" + text);
    }
    return found.isEmpty() ? 0 : found.get(0).value();
  }

  @Override
  public String toString() {
    return text;
  }
}
