package dev.scheduler.daemon.history;

import dev.scheduler.catalog.quartz.RunKeys;
import dev.scheduler.daemon.history.HistoryWrite.Finished;
import dev.scheduler.daemon.history.HistoryWrite.Started;
import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code job_execution} table. Each public method is one transaction. */
public final class HistoryRepository {

  static final int MESSAGE_LIMIT = 4000;

  // Written so that a retried write (after a commit whose answer was lost) changes nothing.
  private static final String INSERT_STARTED =
      "insert into job_execution (fire_instance_id, job_name, job_group, trigger_name,"
          + " trigger_group, node_id, run_key, scheduled_at, started_at, status, attempt, manual,"
          + " recovery_of)"
          + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?,"
          // A recovery points at the run it replaces: same job, trigger and fire.
          + " (select max(id) from job_execution where job_name = ? and trigger_name = ?"
          + " and scheduled_at = ? and status in ('ORPHANED', 'INTERRUPTED'))"
          + " where not exists (select 1 from job_execution where fire_instance_id = ?)";

  private static final String NOTE_RUNNING =
      "update job_execution set note = ? where fire_instance_id = ? and status = 'RUNNING'";

  // One statement for a whole batch of starts (PostgreSQL arrays), for the job store's fast path.
  private static final String INSERT_STARTED_BATCH =
      "insert into job_execution (fire_instance_id, job_name, job_group, trigger_name,"
          + " trigger_group, node_id, run_key, scheduled_at, started_at, status, attempt, manual,"
          + " recovery_of)"
          + " select v.id, v.job, v.job_group, v.trig, v.trig_group, ?, v.run_key, v.scheduled,"
          + " v.started, 'RUNNING', v.attempt, v.manual,"
          + " case when v.recovered is null then null else (select max(o.id) from job_execution o"
          + " where o.job_name = v.job and o.trigger_name = v.recovered and o.scheduled_at ="
          + " v.scheduled and o.status in ('ORPHANED', 'INTERRUPTED')) end"
          + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
          + " ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::boolean[],"
          + " ?::varchar[]) as v(id, job, job_group, trig, trig_group, run_key, scheduled,"
          + " started, attempt, manual, recovered)";

  private static final String FINISH_BATCH =
      "update job_execution e set status = v.status, finished_at = v.finished,"
          + " duration_ms = floor(extract(epoch from v.finished - e.started_at) * 1000)::bigint,"
          + " error_class = v.error_class, error_message = v.error_message, note = v.note"
          + " from unnest(?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[],"
          + " ?::varchar[], ?::varchar[]) as v(id, status, finished, error_class, error_message,"
          + " note) where e.fire_instance_id = v.id";

  private static final String RUNNING_JOBS_OF =
      "select job_name from job_execution where node_id = ? and status = 'RUNNING'";

  private static final String MARK_ORPHANED =
      "update job_execution set status = 'ORPHANED', finished_at = ?, note = ?"
          + " where node_id = ? and status = 'RUNNING'";

  private static final String FINISH =
      "update job_execution set status = ?, finished_at = ?, duration_ms = ?, error_class = ?,"
          + " error_message = ?, note = ? where fire_instance_id = ?";

  private static final String INSERT_FINISHED =
      "insert into job_execution (fire_instance_id, job_name, job_group, trigger_name,"
          + " trigger_group, node_id, run_key, scheduled_at, started_at, status, attempt, manual,"
          + " finished_at, duration_ms, error_class, error_message, note)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String INSERT_NOT_RUN =
      "insert into job_execution (job_name, job_group, trigger_name, trigger_group, node_id,"
          + " run_key, scheduled_at, status, attempt, manual, note)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, 0, false, ?)";

  private static final String COLUMNS =
      "id, job_name, trigger_name, node_id, run_key, scheduled_at, started_at, finished_at,"
          + " duration_ms, status, attempt, manual, error_class, error_message, note, recovery_of";

  private static final String LATEST_OF_RUN =
      "select "
          + COLUMNS
          + ", fire_instance_id from job_execution where run_key = (select run_key from"
          + " job_execution where trigger_name = ? order by id limit 1) order by id desc limit 1";

  private static final String LATEST_PER_JOB =
      "select "
          + COLUMNS
          + " from job_execution where id in (select max(id) from job_execution where status <>"
          + " 'RUNNING' group by job_name)";

  private static final String RUNNING =
      "select " + COLUMNS + " from job_execution where status = 'RUNNING' order by id";

  // Walks the job's index from its newest row back to its latest success: cheap for a job that
  // usually succeeds, whatever the history's size.
  private static final String LAST_SUCCESS =
      "select finished_at from job_execution where job_name = ? and status = 'SUCCEEDED'"
          + " order by id desc limit 1";

  private final DataSource dataSource;

  public HistoryRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Applies writes in order, in one transaction. */
  public void write(List<HistoryWrite> writes) throws SQLException {
    Jdbc.inTransaction(
        dataSource,
        connection -> {
          for (HistoryWrite write : writes) {
            apply(connection, write);
          }
          return null;
        });
  }

  /** Executions matching the filter, newest first. */
  public List<Execution> find(HistoryFilter filter) throws SQLException {
    StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from job_execution");
    List<Object> arguments = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    filter.job().ifPresent(job -> add(conditions, arguments, "job_name = ?", job));
    filter.status().ifPresent(status -> add(conditions, arguments, "status = ?", status.name()));
    filter.since().ifPresent(since -> add(conditions, arguments, "scheduled_at >= ?", since));
    if (!conditions.isEmpty()) {
      sql.append(" where ").append(String.join(" and ", conditions));
    }
    sql.append(" order by id desc limit ").append(filter.limit());
    try (Connection connection = dataSource.getConnection()) {
      return Jdbc.query(
          connection,
          sql.toString(),
          statement -> {
            for (int i = 0; i < arguments.size(); i++) {
              Object argument = arguments.get(i);
              if (argument instanceof Instant instant) {
                Jdbc.setInstant(statement, i + 1, instant);
              } else {
                statement.setString(i + 1, (String) argument);
              }
            }
          },
          HistoryRepository::execution);
    }
  }

  /** The latest finished execution (or missed fire) of each job, by job name. */
  public Map<String, Execution> latestPerJob() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      Map<String, Execution> latest = new LinkedHashMap<>();
      for (Execution execution :
          Jdbc.query(connection, LATEST_PER_JOB, statement -> {}, HistoryRepository::execution)) {
        latest.put(execution.job(), execution);
      }
      return latest;
    }
  }

  /**
   * The newest execution of the run a trigger started, with its fire instance id: the run's retries
   * and recovery re-runs share its run key. Empty until the trigger has fired.
   */
  public Optional<LatestAttempt> latestOfRunStartedBy(String triggerName) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return Jdbc.query(
              connection,
              LATEST_OF_RUN,
              statement -> statement.setString(1, triggerName),
              row -> new LatestAttempt(execution(row), row.getString("fire_instance_id")))
          .stream()
          .findFirst();
    }
  }

  /** An execution and the fire instance id its retry trigger is named after. */
  public record LatestAttempt(Execution execution, String fireInstanceId) {}

  /** Each job's latest successful finish, wherever it ran; jobs that never succeeded are absent. */
  public Map<String, Instant> lastSuccesses(Collection<String> jobs) throws SQLException {
    Map<String, Instant> found = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      for (String job : jobs) {
        Jdbc.query(
                connection,
                LAST_SUCCESS,
                select -> select.setString(1, job),
                row -> Jdbc.instant(row, "finished_at"))
            .stream()
            .findFirst()
            .ifPresent(at -> found.put(job, at));
      }
    }
    return found;
  }

  /** Executions recorded as running, oldest first. */
  public List<Execution> running() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return Jdbc.query(connection, RUNNING, statement -> {}, HistoryRepository::execution);
    }
  }

  /**
   * Records scheduled fires that did not run, inside the caller's transaction, so that the rows and
   * the change that decided it (a trigger moved past them) commit together.
   */
  public static void recordNotRun(Connection connection, List<NotRun> fires) throws SQLException {
    if (fires.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_NOT_RUN)) {
      for (NotRun fire : fires) {
        insert.setString(1, fire.job());
        insert.setString(2, fire.jobGroup());
        insert.setString(3, fire.trigger());
        insert.setString(4, fire.triggerGroup());
        insert.setString(5, fire.node());
        insert.setString(6, RunKeys.of(fire.job(), fire.scheduledAt()));
        Jdbc.setInstant(insert, 7, fire.scheduledAt());
        insert.setString(8, fire.status().name());
        insert.setString(9, clip(fire.note(), MESSAGE_LIMIT));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * The batch insert of RUNNING rows as part of a larger statement: the job store's fast path
   * inserts them in the statement that fires the triggers, only for the runs whose fire instance id
   * ({@code v.id}) the SQL condition {@code onlyIf} keeps. Its parameters are bound by {@link
   * #bindStarted}. PostgreSQL only.
   */
  public static String insertStarted(String onlyIf) {
    return INSERT_STARTED_BATCH + " where " + onlyIf;
  }

  /**
   * Binds the parameters of {@link #insertStarted} from {@code index} on; returns the index after
   * them.
   */
  public static int bindStarted(
      PreparedStatement insert, int index, String node, List<ExecutionStart> starts)
      throws SQLException {
    Connection connection = insert.getConnection();
    int size = starts.size();
    String[] ids = new String[size];
    String[] jobs = new String[size];
    String[] jobGroups = new String[size];
    String[] triggers = new String[size];
    String[] triggerGroups = new String[size];
    String[] runKeys = new String[size];
    OffsetDateTime[] scheduled = new OffsetDateTime[size];
    OffsetDateTime[] started = new OffsetDateTime[size];
    Integer[] attempts = new Integer[size];
    Boolean[] manual = new Boolean[size];
    String[] recovered = new String[size];
    for (int i = 0; i < size; i++) {
      ExecutionStart start = starts.get(i);
      ids[i] = start.fireInstanceId();
      jobs[i] = start.job();
      jobGroups[i] = start.jobGroup();
      triggers[i] = start.trigger();
      triggerGroups[i] = start.triggerGroup();
      runKeys[i] = start.runKey();
      scheduled[i] = utc(start.scheduledAt());
      started[i] = utc(start.startedAt());
      attempts[i] = start.attempt();
      manual[i] = start.manual();
      recovered[i] = start.recoveredTrigger();
    }
    insert.setString(index, node);
    insert.setArray(index + 1, connection.createArrayOf("varchar", ids));
    insert.setArray(index + 2, connection.createArrayOf("varchar", jobs));
    insert.setArray(index + 3, connection.createArrayOf("varchar", jobGroups));
    insert.setArray(index + 4, connection.createArrayOf("varchar", triggers));
    insert.setArray(index + 5, connection.createArrayOf("varchar", triggerGroups));
    insert.setArray(index + 6, connection.createArrayOf("varchar", runKeys));
    insert.setArray(index + 7, connection.createArrayOf("timestamptz", scheduled));
    insert.setArray(index + 8, connection.createArrayOf("timestamptz", started));
    insert.setArray(index + 9, connection.createArrayOf("int4", attempts));
    insert.setArray(index + 10, connection.createArrayOf("bool", manual));
    insert.setArray(index + 11, connection.createArrayOf("varchar", recovered));
    return index + 12;
  }

  /**
   * Records many outcomes in one statement, inside the caller's transaction: the job store's fast
   * path writes them with the completions they belong to. PostgreSQL only.
   */
  public static void recordFinished(Connection connection, List<Outcome> outcomes)
      throws SQLException {
    if (outcomes.isEmpty()) {
      return;
    }
    int size = outcomes.size();
    String[] ids = new String[size];
    String[] statuses = new String[size];
    OffsetDateTime[] finished = new OffsetDateTime[size];
    String[] errorClasses = new String[size];
    String[] errorMessages = new String[size];
    String[] notes = new String[size];
    for (int i = 0; i < size; i++) {
      ExecutionEnd end = outcomes.get(i).end();
      ids[i] = outcomes.get(i).fireInstanceId();
      statuses[i] = end.status().name();
      finished[i] = utc(end.finishedAt());
      errorClasses[i] = clip(end.errorClass(), 300);
      errorMessages[i] = clip(end.errorMessage(), MESSAGE_LIMIT);
      notes[i] = clip(end.note(), MESSAGE_LIMIT);
    }
    try (PreparedStatement update = connection.prepareStatement(FINISH_BATCH)) {
      update.setArray(1, connection.createArrayOf("varchar", ids));
      update.setArray(2, connection.createArrayOf("varchar", statuses));
      update.setArray(3, connection.createArrayOf("timestamptz", finished));
      update.setArray(4, connection.createArrayOf("varchar", errorClasses));
      update.setArray(5, connection.createArrayOf("varchar", errorMessages));
      update.setArray(6, connection.createArrayOf("varchar", notes));
      update.executeUpdate();
    }
  }

  /** How one run ended, keyed by its fire instance. */
  public record Outcome(String fireInstanceId, ExecutionEnd end) {}

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
  }

  /** The job of each run the node has RUNNING: those that {@link #markOrphaned} would orphan. */
  public static List<String> runningJobsOf(Connection connection, String node) throws SQLException {
    return Jdbc.query(
        connection, RUNNING_JOBS_OF, select -> select.setString(1, node), row -> row.getString(1));
  }

  /**
   * Marks the runs a dead node left RUNNING as ORPHANED, inside the caller's transaction (the one
   * that recovers the node's work).
   *
   * @return how many runs were orphaned
   */
  public static int markOrphaned(Connection connection, String node, Instant at, String note)
      throws SQLException {
    return Jdbc.update(
        connection,
        MARK_ORPHANED,
        update -> {
          Jdbc.setInstant(update, 1, at);
          update.setString(2, clip(note, MESSAGE_LIMIT));
          update.setString(3, node);
        });
  }

  /**
   * A scheduled fire that did not run.
   *
   * @param status MISSED (no node was up) or SKIPPED (deliberately not run)
   * @param note why, in a sentence
   */
  public record NotRun(
      String job,
      String jobGroup,
      String trigger,
      String triggerGroup,
      String node,
      Instant scheduledAt,
      ExecutionStatus status,
      String note) {}

  private static void apply(Connection connection, HistoryWrite write) throws SQLException {
    if (write instanceof Started started) {
      ExecutionStart start = started.start();
      try (PreparedStatement insert = connection.prepareStatement(INSERT_STARTED)) {
        bindStart(insert, start);
        insert.setInt(10, start.attempt());
        insert.setBoolean(11, start.manual());
        insert.setString(12, start.job());
        insert.setString(13, start.recoveredTrigger());
        Jdbc.setInstant(insert, 14, start.scheduledAt());
        insert.setString(15, start.fireInstanceId());
        insert.executeUpdate();
      }
    } else if (write instanceof HistoryWrite.Noted noted) {
      Jdbc.update(
          connection,
          NOTE_RUNNING,
          update -> {
            update.setString(1, clip(noted.note(), MESSAGE_LIMIT));
            update.setString(2, noted.fireInstanceId());
          });
    } else if (write instanceof Finished finished) {
      ExecutionStart start = finished.start();
      ExecutionEnd end = finished.end();
      Long duration = durationMillis(start.startedAt(), end.finishedAt());
      int updated =
          Jdbc.update(
              connection,
              FINISH,
              update -> {
                update.setString(1, end.status().name());
                Jdbc.setInstant(update, 2, end.finishedAt());
                setLong(update, 3, duration);
                update.setString(4, clip(end.errorClass(), 300));
                update.setString(5, clip(end.errorMessage(), MESSAGE_LIMIT));
                update.setString(6, clip(end.note(), MESSAGE_LIMIT));
                update.setString(7, start.fireInstanceId());
              });
      if (updated == 0) {
        // The start was never recorded (its write failed for good): record the whole execution.
        Jdbc.update(
            connection,
            INSERT_FINISHED,
            insert -> {
              bindStart(insert, start);
              insert.setString(10, end.status().name());
              insert.setInt(11, start.attempt());
              insert.setBoolean(12, start.manual());
              Jdbc.setInstant(insert, 13, end.finishedAt());
              setLong(insert, 14, duration);
              insert.setString(15, clip(end.errorClass(), 300));
              insert.setString(16, clip(end.errorMessage(), MESSAGE_LIMIT));
              insert.setString(17, clip(end.note(), MESSAGE_LIMIT));
            });
      }
    }
  }

  private static void bindStart(PreparedStatement statement, ExecutionStart start)
      throws SQLException {
    statement.setString(1, start.fireInstanceId());
    statement.setString(2, start.job());
    statement.setString(3, start.jobGroup());
    statement.setString(4, start.trigger());
    statement.setString(5, start.triggerGroup());
    statement.setString(6, start.node());
    statement.setString(7, start.runKey());
    Jdbc.setInstant(statement, 8, start.scheduledAt());
    Jdbc.setInstant(statement, 9, start.startedAt());
  }

  static Execution execution(ResultSet row) throws SQLException {
    return new Execution(
        row.getLong("id"),
        row.getString("job_name"),
        row.getString("trigger_name"),
        row.getString("node_id"),
        row.getString("run_key"),
        Jdbc.instant(row, "scheduled_at"),
        Jdbc.instant(row, "started_at"),
        Jdbc.instant(row, "finished_at"),
        row.getObject("duration_ms", Long.class),
        ExecutionStatus.valueOf(row.getString("status")),
        row.getInt("attempt"),
        row.getBoolean("manual"),
        row.getString("error_class"),
        row.getString("error_message"),
        row.getString("note"),
        row.getObject("recovery_of", Long.class));
  }

  private static Long durationMillis(Instant start, Instant end) {
    return start == null || end == null ? null : Duration.between(start, end).toMillis();
  }

  private static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, java.sql.Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  static String clip(String text, int limit) {
    return text == null || text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }

  private static void add(List<String> conditions, List<Object> arguments, String sql, Object arg) {
    conditions.add(sql);
    arguments.add(arg);
  }

  /** Which executions {@link #find} returns. */
  public record HistoryFilter(
      Optional<String> job, Optional<ExecutionStatus> status, Optional<Instant> since, int limit) {}
}
