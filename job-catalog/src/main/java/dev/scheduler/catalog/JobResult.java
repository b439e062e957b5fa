package dev.scheduler.catalog;

/**
 * What a successful execution reports; the summary is kept in the execution history (rows affected,
 * HTTP status, exit code).
 *
 * @param summary one short line, or null for nothing to report
 */
public record JobResult(String summary) {

  private static final JobResult DONE = new JobResult(null);

  public static JobResult done() {
    return DONE;
  }

  public static JobResult of(String summary) {
    return new JobResult(summary);
  }
}
