package dev.scheduler.bench;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.daemon.cluster.Wakeups;
import dev.scheduler.daemon.config.ConfigLoader;
import dev.scheduler.daemon.config.Environment;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.ops.JobOperations;
import dev.scheduler.daemon.ops.OperatorSession;
import dev.scheduler.daemon.quartz.DeclaredJob;
import dev.scheduler.daemon.quartz.QuartzSchedulers;
import dev.scheduler.testing.QuartzRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** This project: real node processes of the built jar, with history on. */
final class OurScheduler implements Target {

  static final String JOBS =
      """
      jobs:
        bench: { type: noop, concurrency: allow }
        long: { type: sleep, params: { duration: 60s }, concurrency: allow, recover: true }
        digest: { type: noop, concurrency: allow }
      """;

  private final Path jar;
  private final Path workDir;
  private final int threads;

  /**
   * @param threads the nodes' job threads ({@code node.threads}), which bound a firing batch
   */
  OurScheduler(Path jar, Path workDir, int threads) {
    this.jar = jar;
    this.workDir = workDir;
    this.threads = threads;
  }

  @Override
  public String name() {
    return "this project";
  }

  @Override
  public void prepare(BenchDatabase db) throws Exception {
    SchedulerConfig config = config(db);
    var quartz = QuartzSchedulers.client("bench-setup", db.dataSource(), Clock.systemUTC());
    try {
      quartz.store().reconcile(config.jobs().values().stream().map(DeclaredJob::from).toList());
    } finally {
      quartz.scheduler().shutdown();
    }
  }

  @Override
  public void seedDue(BenchDatabase db, String group, int count, Instant due) throws SQLException {
    try (Connection conn = db.connect()) {
      QuartzRows.oneShots(conn, QuartzSchedulers.CLUSTER_NAME, "bench", group, count, due);
    }
  }

  @Override
  public void makeDue(BenchDatabase db, String group, Instant due) throws SQLException {
    try (Connection conn = db.connect()) {
      QuartzRows.moveTo(conn, QuartzSchedulers.CLUSTER_NAME, group, due);
      // What the scheduler's own scheduling calls do: wake the nodes (LISTEN/NOTIFY).
      Wakeups.send(conn, due.toEpochMilli());
    }
  }

  @Override
  public Duration discoveryLead() {
    return Duration.ofSeconds(3);
  }

  @Override
  public void seedFuture(BenchDatabase db, int count, Instant due) throws SQLException {
    try (Connection conn = db.connect()) {
      conn.setAutoCommit(false);
      try (PreparedStatement users =
              conn.prepareStatement(
                  "insert into user_schedule (user_id, job_name, schedule, timezone, created_at,"
                      + " updated_at) select 'u' || g, 'digest', 'daily 08:00', 'Europe/Berlin',"
                      + " now(), now() from generate_series(1, ?) g");
          PreparedStatement triggers =
              conn.prepareStatement(
                  "insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name,"
                      + " job_group, next_fire_time, prev_fire_time, priority, trigger_state,"
                      + " trigger_type, start_time, end_time, misfire_instr, job_data)"
                      + " values (?, ?, 'users', 'digest', 'default', ?, -1, 5, 'WAITING',"
                      + " 'LOCALTM', ?, 0, 0, ?)");
          PreparedStatement properties =
              conn.prepareStatement(
                  "insert into qrtz_simprop_triggers (sched_name, trigger_name, trigger_group,"
                      + " str_prop_1, str_prop_2) select ?, 'digest/u' || g, 'users',"
                      + " 'daily 08:00', 'Europe/Berlin' from generate_series(1, ?) g")) {
        users.setInt(1, count);
        users.executeUpdate();
        for (int i = 1; i <= count; i++) {
          triggers.setString(1, QuartzSchedulers.CLUSTER_NAME);
          triggers.setString(2, "digest/u" + i);
          triggers.setLong(3, due.toEpochMilli());
          triggers.setLong(4, due.toEpochMilli() - 86_400_000L);
          triggers.setBytes(5, Seeds.properties("userId", "u" + i));
          triggers.addBatch();
          if (i % 5_000 == 0) {
            triggers.executeBatch();
          }
        }
        triggers.executeBatch();
        // Without fresh statistics the foreign-key checks of the next insert scan the table.
        try (var analyze = conn.createStatement()) {
          analyze.execute("analyze qrtz_triggers");
        }
        properties.setString(1, QuartzSchedulers.CLUSTER_NAME);
        properties.setInt(2, count);
        properties.executeUpdate();
      }
      conn.commit();
    }
  }

  @Override
  public void seedLongRun(BenchDatabase db, String tag, Instant due) throws SQLException {
    try (Connection conn = db.connect()) {
      QuartzRows.oneShots(conn, QuartzSchedulers.CLUSTER_NAME, "long", tag, 1, due);
    }
  }

  @Override
  public NodeProcess startNode(BenchDatabase db, String nodeId) throws Exception {
    Path config = writeConfig(db);
    return NodeProcess.start(
        nodeId,
        workDir,
        List.of("-jar", jar.toString(), "run", "--config", config.toString()),
        Map.of("SCHEDULER_NODE_ID", nodeId),
        " ready: ");
  }

  @Override
  public OperatorTrigger operator(BenchDatabase db) throws Exception {
    OperatorSession session = OperatorSession.open(config(db), Clock.systemUTC());
    JobOperations jobs = new JobOperations(session);
    return new OperatorTrigger() {
      @Override
      public String trigger(String tag) {
        return jobs.trigger("bench", Map.of(), "bench@localhost").trigger();
      }

      @Override
      public String group() {
        return "manual";
      }

      @Override
      public void close() {
        session.close();
      }
    };
  }

  @Override
  public int finishedCount(BenchDatabase db, String group) throws SQLException {
    // Group names are the benchmark's own constants.
    return (int)
        db.queryLong(
            "select count(distinct trigger_name) from job_execution where trigger_group = '"
                + group
                + "' and finished_at is not null");
  }

  @Override
  public List<Execution> executions(BenchDatabase db, String group) throws SQLException {
    // A recovery re-run is counted under the fire it replaces; a manual run under its tag.
    String sql =
        "select coalesce(o.trigger_name, e.trigger_name) as tag, e.started_at, e.finished_at,"
            + " e.node_id, e.recovery_of is not null as recovery, e.trigger_group"
            + " from job_execution e left join job_execution o on o.id = e.recovery_of"
            + " where e.started_at is not null and (coalesce(o.trigger_group, e.trigger_group) = ?)";
    List<Execution> runs = new ArrayList<>();
    try (Connection conn = db.connect();
        PreparedStatement select = conn.prepareStatement(sql)) {
      select.setString(1, group);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          OffsetDateTime finished = rows.getObject("finished_at", OffsetDateTime.class);
          runs.add(
              new Execution(
                  rows.getString("tag"),
                  rows.getObject("started_at", OffsetDateTime.class).toInstant(),
                  finished == null ? null : finished.toInstant(),
                  rows.getString("node_id"),
                  rows.getBoolean("recovery")));
        }
      }
    }
    return runs;
  }

  private SchedulerConfig config(BenchDatabase db) throws Exception {
    return new ConfigLoader(Environment.of(Map.of()), JobTypes.builtIn()).load(writeConfig(db));
  }

  private Path writeConfig(BenchDatabase db) throws Exception {
    return Files.writeString(
        workDir.resolve(db.name() + ".yaml"),
        "database:\n  url: "
            + db.url()
            + "\n  user: "
            + db.server().user()
            + (db.server().password() == null ? "" : "\n  password: " + db.server().password())
            + "\nnode:\n  threads: "
            + threads
            + "\n"
            // Several nodes share the machine: their metrics take any free port.
            + "http:\n  port: 0\n"
            + JOBS);
  }
}
