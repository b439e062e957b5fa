package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.params.Param;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.catalog.params.ValueKinds;
import dev.scheduler.catalog.text.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Purges execution history older than {@code retention} from the scheduler's own database, in
 * batches of one transaction each, never touching a {@code RUNNING} row. The node schedules one
 * daily unless the configuration declares its own.
 */
public final class HistoryRetentionJobType implements JobType {

  public static final String NAME = "history-retention";

  public static final Param<Duration> RETENTION =
      Param.optional("retention", ValueKinds.DURATION, Duration.ofDays(90));
  public static final Param<Integer> BATCH_SIZE =
      Param.optional("batchSize", ValueKinds.integer(1, 1_000_000), 10_000);
  public static final Param<Duration> STATEMENT_TIMEOUT =
      Param.optional("statementTimeout", ValueKinds.DURATION, Duration.ofMinutes(5));

  private static final ParamSpec PARAMS =
      ParamSpec.of(NAME, RETENTION, BATCH_SIZE, STATEMENT_TIMEOUT);

  // Oldest ids first: old rows sit at the start of the primary key, so each batch finds its rows
  // there instead of scanning the table. The subquery stands in for DELETE ... LIMIT, which
  // PostgreSQL lacks; it works on the embedded store too.
  private static final String DELETE_BATCH =
      "delete from job_execution where id in (select id from job_execution"
          + " where status <> 'RUNNING' and scheduled_at < ? order by id limit ?)";

  private final JobResources resources;

  public HistoryRetentionJobType(JobResources resources) {
    this.resources = resources;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "purges execution history older than a retention period, in batches";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public JobType with(JobResources resources) {
    return new HistoryRetentionJobType(resources);
  }

  @Override
  public JobAction create(Params params) {
    Duration retention = params.get(RETENTION);
    int batchSize = params.get(BATCH_SIZE);
    Duration timeout = params.get(STATEMENT_TIMEOUT);
    return run -> {
      Instant cutoff = run.clock().instant().minus(retention);
      long total = 0;
      int batches = 0;
      DataSource database = resources.schedulerDatabase();
      while (true) {
        // Checked before asking the pool, which turns an interrupt into a plain SQLException.
        if (Thread.interrupted()) {
          throw new InterruptedException(
              "interrupted after deleting " + total + " executions in " + batches + " batches");
        }
        int rows = deleteBatch(database, cutoff, batchSize, timeout);
        total += rows;
        batches++;
        if (rows < batchSize) {
          break;
        }
      }
      return JobResult.of(
          "deleted "
              + SqlJobType.rows(total)
              + " of execution history older than "
              + Durations.format(retention)
              + " in "
              + batches
              + (batches == 1 ? " batch" : " batches"));
    };
  }

  private static int deleteBatch(DataSource database, Instant cutoff, int limit, Duration timeout)
      throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement delete = connection.prepareStatement(DELETE_BATCH)) {
      connection.setAutoCommit(true);
      delete.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
      delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
      delete.setInt(2, limit);
      return delete.executeUpdate();
    }
  }
}
