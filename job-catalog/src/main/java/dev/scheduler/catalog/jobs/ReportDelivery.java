package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.notify.EmailMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report as an email (HTML table, CSV attached) and as a webhook document (Slack text, rows). */
final class ReportDelivery {

  private ReportDelivery() {}

  static EmailMessage email(
      List<String> to,
      String title,
      String summary,
      String fileBase,
      List<ReportTable.Row> rows,
      String runKey) {
    return new EmailMessage(
        to,
        "Scheduler " + title,
        summary + "\n\n" + textTable(rows),
        ReportTable.html(title, rows),
        List.of(new EmailMessage.Attachment(fileBase + ".csv", "text/csv", ReportTable.csv(rows))),
        runKey);
  }

  static Map<String, Object> webhookDocument(
      ReportPeriod period, String title, String summary, List<ReportTable.Row> rows) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("text", "Scheduler " + title + "\n" + summary + "\n" + textTable(rows));
    document.put("period", period.kind());
    document.put("start", period.start().toString());
    document.put("end", period.end().toString());
    document.put("timezone", period.zone().getId());
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (ReportTable.Row row : rows) {
      Map<String, Object> job = new LinkedHashMap<>();
      List<String> cells = ReportTable.cells(row);
      for (int i = 0; i < ReportTable.HEADER.size(); i++) {
        job.put(ReportTable.HEADER.get(i), cells.get(i).isEmpty() ? null : cells.get(i));
      }
      jobs.add(job);
    }
    document.put("jobs", jobs);
    return document;
  }

  /** One line per job, readable in a chat window or a plain-text mail. */
  static String textTable(List<ReportTable.Row> rows) {
    if (rows.isEmpty()) {
      return "No job ran in this period.";
    }
    StringBuilder text = new StringBuilder();
    for (ReportTable.Row row : rows) {
      text.append("• ")
          .append(row.job())
          .append(": ")
          .append(row.runs())
          .append(" runs, ")
          .append(row.failed())
          .append(" failed, ")
          .append(row.missed())
          .append(" missed");
      if (row.p95Ms() != null) {
        text.append(", p95 ").append(row.p95Ms()).append(" ms");
      }
      text.append(", last success ")
          .append(row.lastSuccess() == null ? "never" : row.lastSuccess().toString())
          .append('\n');
    }
    return text.toString().stripTrailing();
  }
}
