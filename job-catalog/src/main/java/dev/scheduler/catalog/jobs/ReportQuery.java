package dev.scheduler.catalog.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads a period's executions from {@code job_execution} in two queries. Percentiles are computed
 * here from the durations rather than with {@code percentile_cont}, so the same code runs on
 * PostgreSQL and the embedded H2 store.
 */
final class ReportQuery {

  private static final String PERIOD_ROWS =
      "select job_name, status, duration_ms from job_execution"
          + " where scheduled_at >= ? and scheduled_at < ? and status <> 'RUNNING'";
  private static final String LAST_SUCCESS =
      "select job_name, max(finished_at) from job_execution where status = 'SUCCEEDED'"
          + " group by job_name";

  private ReportQuery() {}

  static List<ReportTable.Row> rows(DataSource database, Instant from, Instant until)
      throws SQLException {
    Map<String, Tally> tallies = new TreeMap<>();
    try (Connection connection = database.getConnection()) {
      try (PreparedStatement select = connection.prepareStatement(PERIOD_ROWS)) {
        select.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        select.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            long duration = rows.getLong(3);
            Long durationMs = rows.wasNull() ? null : duration;
            tallies
                .computeIfAbsent(rows.getString(1), job -> new Tally())
                .add(rows.getString(2), durationMs);
          }
        }
      }
      try (PreparedStatement select = connection.prepareStatement(LAST_SUCCESS);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Tally tally = tallies.get(rows.getString(1));
          OffsetDateTime finished = rows.getObject(2, OffsetDateTime.class);
          if (tally != null && finished != null) {
            tally.lastSuccess = finished.toInstant();
          }
        }
      }
    }
    List<ReportTable.Row> rows = new ArrayList<>();
    tallies.forEach((job, tally) -> rows.add(tally.row(job)));
    return rows;
  }

  /**
   * The continuous percentile of sorted values, interpolating between neighbours as PostgreSQL's
   * {@code percentile_cont} does; null for no values.
   */
  static Long percentile(List<Long> sorted, double fraction) {
    if (sorted.isEmpty()) {
      return null;
    }
    double position = fraction * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    double value = sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
    return Math.round(value);
  }

  private static final class Tally {
    long runs;
    long succeeded;
    long failed;
    long missed;
    long skipped;
    final List<Long> durations = new ArrayList<>();
    Instant lastSuccess;

    void add(String status, Long durationMs) {
      runs++;
      switch (status) {
        case "SUCCEEDED" -> succeeded++;
        case "FAILED", "TIMED_OUT" -> failed++;
        case "MISSED" -> missed++;
        case "SKIPPED" -> skipped++;
        default -> {}
      }
      if (durationMs != null) {
        durations.add(durationMs);
      }
    }

    ReportTable.Row row(String job) {
      durations.sort(null);
      return new ReportTable.Row(
          job,
          runs,
          succeeded,
          failed,
          missed,
          skipped,
          percentile(durations, 0.5),
          percentile(durations, 0.95),
          lastSuccess);
    }
  }
}
