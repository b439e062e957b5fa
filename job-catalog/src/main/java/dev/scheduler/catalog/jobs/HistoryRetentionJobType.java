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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
      BatchedStatement.Outcome outcome =
          new BatchedStatement(
                  resources.schedulerDatabase(),
                  DELETE_BATCH,
                  (delete, size) -> {
                    delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                    delete.setInt(2, size);
                  },
                  timeout)
              .batches(batchSize);
      return JobResult.of(
          "deleted "
              + SqlJobType.rows(outcome.rows())
              + " of execution history older than "
              + Durations.format(retention)
              + " in "
              + outcome.batches()
              + (outcome.batches() == 1 ? " batch" : " batches"));
    };
  }
}
