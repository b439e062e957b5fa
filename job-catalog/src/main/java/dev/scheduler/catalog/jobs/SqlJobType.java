package dev.scheduler.catalog.jobs;

import dev.scheduler.catalog.JobAction;
import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobResult;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.params.Param;
import dev.scheduler.catalog.params.ParamSpec;
import dev.scheduler.catalog.params.Params;
import dev.scheduler.catalog.params.ValueKind;
import dev.scheduler.catalog.params.ValueKinds;
import dev.scheduler.catalog.text.Suggestions;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one SQL statement (or {@code call proc(...)}) on a named datasource: a purge of expired
 * sessions, a refresh of a materialized view. With {@code batchSize} the statement must say {@code
 * :batchSize} where its batch limit goes, and is run again, each time in its own transaction, until
 * it affects fewer rows than that; PostgreSQL has no {@code DELETE ... LIMIT}, so a batched purge
 * reads {@code DELETE FROM sessions WHERE ctid IN (SELECT ctid FROM sessions WHERE expires_at <
 * now() LIMIT :batchSize)}. The statement comes only from the configuration: job data is never
 * spliced into it.
 */
public final class SqlJobType implements JobType {

  static final ValueKind<SqlStatement> STATEMENT =
      new ValueKind<>() {
        @Override
        public SqlStatement read(Object raw) {
          return SqlStatement.parse(ValueKinds.STRING.read(raw));
        }

        @Override
        public String describe() {
          return "one SQL statement, or call proc(...)";
        }

        @Override
        public Object write(SqlStatement value) {
          return value.text();
        }
      };

  public static final Param<SqlStatement> STATEMENT_PARAM = Param.required("statement", STATEMENT);
  public static final Param<Integer> BATCH_SIZE =
      Param.optional("batchSize", ValueKinds.integer(1, 1_000_000), null);
  public static final Param<Duration> STATEMENT_TIMEOUT =
      Param.optional("statementTimeout", ValueKinds.DURATION, Duration.ofMinutes(5));

  private final JobResources resources;
  private final Param<String> datasource;
  private final ParamSpec params;

  public SqlJobType(JobResources resources) {
    this.resources = resources;
    this.datasource = Param.required("datasource", datasourceName(resources.datasourceNames()));
    this.params =
        ParamSpec.of(name(), datasource, STATEMENT_PARAM, BATCH_SIZE, STATEMENT_TIMEOUT)
            .withRule(SqlJobType::batchSizeRule);
  }

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "runs one SQL statement on a named datasource, optionally in batches";
  }

  @Override
  public ParamSpec params() {
    return params;
  }

  @Override
  public JobType with(JobResources resources) {
    return new SqlJobType(resources);
  }

  @Override
  public JobAction create(Params params) {
    String name = params.get(datasource);
    SqlStatement statement = params.get(STATEMENT_PARAM);
    Integer batchSize = params.get(BATCH_SIZE);
    Duration timeout = params.get(STATEMENT_TIMEOUT);
    return run -> {
      BatchedStatement sql =
          new BatchedStatement(
              resources.datasource(name),
              statement.jdbcText(),
              BatchedStatement.batchSizeTimes(statement.batchSizeMarkers()),
              timeout);
      if (batchSize == null) {
        BatchedStatement.Outcome outcome = sql.once();
        return JobResult.of(statement.verb() + " " + rows(outcome.rows()));
      }
      BatchedStatement.Outcome outcome = sql.batches(batchSize);
      return JobResult.of(
          statement.verb()
              + " "
              + rows(outcome.rows())
              + " in "
              + outcome.batches()
              + (outcome.batches() == 1 ? " batch" : " batches"));
    };
  }

  /** "12,345 rows". */
  static String rows(long rows) {
    return String.format(Locale.ROOT, "%,d %s", rows, rows == 1 ? "row" : "rows");
  }

  /** {@code batchSize} and {@code :batchSize} in the statement go together. */
  private static String batchSizeRule(Params params) {
    SqlStatement statement = params.get(STATEMENT_PARAM);
    boolean batched = params.get(BATCH_SIZE) != null;
    if (batched && !statement.usesBatchSize()) {
      return "statement: with batchSize the statement must limit each run with :batchSize, e.g."
          + " DELETE FROM sessions WHERE ctid IN (SELECT ctid FROM sessions WHERE expires_at <"
          + " now() LIMIT :batchSize)";
    }
    if (!batched && statement.usesBatchSize()) {
      return "statement: uses :batchSize but batchSize is not set; add batchSize: 10000";
    }
    return null;
  }

  private static ValueKind<String> datasourceName(Set<String> declared) {
    return new ValueKind<>() {
      @Override
      public String read(Object raw) {
        String name = ValueKinds.STRING.read(raw).strip();
        if (declared.contains(name)) {
          return name;
        }
        if (declared.isEmpty()) {
          throw new IllegalArgumentException(
              "unknown datasource '" + name + "'; declare it under datasources: in the config");
        }
        throw new IllegalArgumentException(
            "unknown datasource '"
                + name
                + "'"
                + Suggestions.didYouMean(name, declared)
                + "; declared datasources: "
                + String.join(", ", new TreeSet<>(declared)));
      }

      @Override
      public String describe() {
        return "the name of a datasource declared under datasources:";
      }
    };
  }
}
