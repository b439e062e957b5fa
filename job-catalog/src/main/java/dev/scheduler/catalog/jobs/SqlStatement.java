package dev.scheduler.catalog.jobs;

import java.util.Locale;

/**
 * The one SQL statement of a {@code sql} job, as configured: checked to be a single statement, with
 * {@code :batchSize} turned into a bound parameter. Only the configuration writes it; job data
 * never reaches it.
 */
record SqlStatement(String text, String jdbcText, int batchSizeMarkers, String verb) {

  static final String BATCH_SIZE_MARKER = ":batchSize";

  /**
   * @throws IllegalArgumentException when the text is empty or holds more than one statement
   */
  static SqlStatement parse(String text) {
    String trimmed = text.strip();
    if (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the statement is empty; write one SQL statement");
    }
    if (outsideQuotes(trimmed).contains(";")) {
      throw new IllegalArgumentException(
          "'" + text + "' holds more than one statement; write one statement per sql job");
    }
    if (outsideQuotes(trimmed).replace("??", "").contains("?")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' has a '?', which JDBC takes for a parameter; write ?? for PostgreSQL's ?"
              + " operator, and :batchSize for the batch size");
    }
    int markers = trimmed.split(BATCH_SIZE_MARKER, -1).length - 1;
    return new SqlStatement(
        trimmed, trimmed.replace(BATCH_SIZE_MARKER, "?"), markers, verbOf(trimmed));
  }

  boolean usesBatchSize() {
    return batchSizeMarkers > 0;
  }

  /** The text without its 'string literals', where ; and ? mean nothing. */
  private static String outsideQuotes(String text) {
    StringBuilder outside = new StringBuilder();
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted) {
        outside.append(c);
      }
    }
    return outside.toString();
  }

  /** "deleted", "updated", "inserted", or "affected" for anything else. */
  private static String verbOf(String text) {
    String first = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return switch (first) {
      case "delete" -> "deleted";
      case "update" -> "updated";
      case "insert" -> "inserted";
      default -> "affected";
    };
  }
}
