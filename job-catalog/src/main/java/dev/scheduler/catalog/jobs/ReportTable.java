package dev.scheduler.catalog.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Per-job figures of a report, and their CSV and HTML renderings. */
final class ReportTable {

  /** One job's figures; durations in milliseconds, null where there were none. */
  record Row(
      String job,
      long runs,
      long succeeded,
      long failed,
      long missed,
      long skipped,
      Long p50Ms,
      Long p95Ms,
      Instant lastSuccess) {}

  static final List<String> HEADER =
      List.of(
          "job",
          "runs",
          "succeeded",
          "failed",
          "missed",
          "skipped",
          "p50_ms",
          "p95_ms",
          "last_success");

  private ReportTable() {}

  static List<String> cells(Row row) {
    List<String> cells = new ArrayList<>();
    cells.add(row.job());
    cells.add(Long.toString(row.runs()));
    cells.add(Long.toString(row.succeeded()));
    cells.add(Long.toString(row.failed()));
    cells.add(Long.toString(row.missed()));
    cells.add(Long.toString(row.skipped()));
    cells.add(row.p50Ms() == null ? "" : row.p50Ms().toString());
    cells.add(row.p95Ms() == null ? "" : row.p95Ms().toString());
    cells.add(row.lastSuccess() == null ? "" : row.lastSuccess().toString());
    return cells;
  }

  static String csv(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    csvLine(out, HEADER);
    for (Row row : rows) {
      csvLine(out, cells(row));
    }
    return out.toString();
  }

  private static void csvLine(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      out.append(i == 0 ? "" : ",").append(csvField(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
  static String csvField(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  static String html(String title, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title>\n<style>table{border-collapse:collapse}td,th{border:1px solid #999;")
        .append("padding:2px 6px}td{text-align:right}td:first-child{text-align:left}</style>")
        .append("</head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n<table>\n<tr>");
    for (String name : HEADER) {
      out.append("<th>").append(escape(name)).append("</th>");
    }
    out.append("</tr>\n");
    for (Row row : rows) {
      out.append("<tr>");
      for (String cell : cells(row)) {
        out.append("<td>").append(escape(cell)).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</table>\n</body></html>\n").toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
