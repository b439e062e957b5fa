package dev.scheduler.daemon.config;

/**
 * One thing wrong with a configuration.
 *
 * @param source the file (or "environment") the value came from
 * @param line the 1-based line in that file, or 0 when there is none
 * @param path the key path, e.g. {@code jobs.nightly-report.schedule.timezone}
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(String source, int line, String path, String message) {

  /** {@code scheduler.yaml:12: jobs.x.schedule.timezone: unknown time zone ...} */
  public String format() {
    String where = line > 0 ? source + ":" + line : source;
    return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
  }
}
