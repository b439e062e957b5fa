package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobRun;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} placeholders filled from one run: {@code job}, {@code runKey}, {@code
 * scheduledAt}, {@code attempt} and {@code data.KEY} (the job data, e.g. a per-user schedule's
 * {@code data.userId}). Values are inserted as they are.
 */
final class RunTemplate {

  private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*}}");

  static final String NAMES = "job, runKey, scheduledAt, attempt, data.KEY";

  private RunTemplate() {}

  /** Checks every placeholder names a known field; the message lists the known ones. */
  static String validate(String template) {
    Matcher matcher = FIELD.matcher(template);
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!isKnown(name)) {
        throw new IllegalArgumentException(
            "unknown placeholder {{" + name + "}}; use {{" + NAMES.replace(", ", "}}, {{") + "}}");
      }
    }
    return template;
  }

  static String fill(String template, JobRun run) {
    Matcher matcher = FIELD.matcher(template);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(result, Matcher.quoteReplacement(value(matcher.group(1), run)));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /** The template with every placeholder replaced by a harmless word, for syntax checks. */
  static String blank(String template) {
    return FIELD.matcher(template).replaceAll("x");
  }

  private static boolean isKnown(String name) {
    return name.equals("job")
        || name.equals("runKey")
        || name.equals("scheduledAt")
        || name.equals("attempt")
        || (name.startsWith("data.") && name.length() > "data.".length());
  }

  private static String value(String name, JobRun run) {
    return switch (name) {
      case "job" -> run.jobName();
      case "runKey" -> run.runKey();
      case "scheduledAt" -> run.scheduledAt().toString();
      case "attempt" -> String.valueOf(run.attempt());
      default -> {
        String key = name.substring("data.".length());
        String value = run.data().get(key);
        if (value == null) {
          throw new IllegalArgumentException(
              "{{" + name + "}}: this run has no job data '" + key + "'");
        }
        yield value;
      }
    };
  }
}
