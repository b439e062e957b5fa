package dev.scheduler.bench;

import dev.scheduler.testing.QuartzRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;

/** Stock Quartz 2.5 with its default clustered JDBC settings: see {@link StockQuartzNode}. */
final class StockQuartz implements Target {

  private static final String JOB_CLASS = RecordingJob.class.getName();

  private final Path benchJar;
  private final Path workDir;

  StockQuartz(Path benchJar, Path workDir) {
    this.benchJar = benchJar;
    this.workDir = workDir;
  }

  @Override
  public String name() {
    return "stock Quartz 2.5.2";
  }

  @Override
  public void prepare(BenchDatabase db) throws SQLException {
    try (Connection conn = db.connect();
        Statement statement = conn.createStatement()) {
      statement.execute(
          "create table bench_execution (tag varchar(200), started_at timestamptz, finished_at"
              + " timestamptz, node_id varchar(200), recovery boolean)");
      statement.execute("create index bench_execution_tag on bench_execution (tag)");
      job(conn, "bench", false, null);
      job(conn, "long", true, Seeds.serialized(Map.of("bench.sleepMillis", "60000")));
      job(conn, "digest", false, null);
    }
  }

  private static void job(Connection conn, String name, boolean recover, byte[] data)
      throws SQLException {
    try (PreparedStatement insert =
        conn.prepareStatement(
            "insert into qrtz_job_details (sched_name, job_name, job_group, job_class_name,"
                + " is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data)"
                + " values (?, ?, 'default', ?, true, false, false, ?, ?)")) {
      insert.setString(1, StockQuartzNode.INSTANCE_NAME);
      insert.setString(2, name);
      insert.setString(3, JOB_CLASS);
      insert.setBoolean(4, recover);
      insert.setBytes(5, data);
      insert.executeUpdate();
    }
  }

  @Override
  public void seedDue(BenchDatabase db, String group, int count, Instant due) throws SQLException {
    try (Connection conn = db.connect()) {
      QuartzRows.oneShots(conn, StockQuartzNode.INSTANCE_NAME, "bench", group, count, due);
    }
  }

  @Override
  public void makeDue(BenchDatabase db, String group, Instant due) throws SQLException {
    try (Connection conn = db.connect()) {
      QuartzRows.moveTo(conn, StockQuartzNode.INSTANCE_NAME, group, due);
    }
  }

  /** Quartz's idle wait (30 s by default) bounds how late a node looks for new triggers. */
  @Override
  public Duration discoveryLead() {
    return Duration.ofSeconds(32);
  }

  @Override
  public void seedFuture(BenchDatabase db, int count, Instant due) throws SQLException {
    try (Connection conn = db.connect();
        PreparedStatement triggers =
            conn.prepareStatement(
                "insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name,"
                    + " job_group, next_fire_time, prev_fire_time, priority, trigger_state,"
                    + " trigger_type, start_time, end_time, misfire_instr)"
                    + " select ?, 'digest/u' || g, 'users', 'digest', 'default', ?, -1, 5,"
                    + " 'WAITING', 'CRON', ?, 0, 0 from generate_series(1, ?) g");
        PreparedStatement cron =
            conn.prepareStatement(
                "insert into qrtz_cron_triggers (sched_name, trigger_name, trigger_group,"
                    + " cron_expression, time_zone_id) select ?, 'digest/u' || g, 'users',"
                    + " '0 0 8 * * ?', 'Europe/Berlin' from generate_series(1, ?) g")) {
      triggers.setString(1, StockQuartzNode.INSTANCE_NAME);
      triggers.setLong(2, due.toEpochMilli());
      triggers.setLong(3, due.toEpochMilli() - 86_400_000L);
      triggers.setInt(4, count);
      triggers.executeUpdate();
      // Without fresh statistics the foreign-key checks of the next insert scan the table.
      try (var analyze = conn.createStatement()) {
        analyze.execute("analyze qrtz_triggers");
      }
      cron.setString(1, StockQuartzNode.INSTANCE_NAME);
      cron.setInt(2, count);
      cron.executeUpdate();
    }
  }

  @Override
  public void seedLongRun(BenchDatabase db, String tag, Instant due) throws SQLException {
    try (Connection conn = db.connect()) {
      QuartzRows.oneShots(conn, StockQuartzNode.INSTANCE_NAME, "long", tag, 1, due);
    }
  }

  @Override
  public NodeProcess startNode(BenchDatabase db, String nodeId) {
    return NodeProcess.start(
        nodeId,
        workDir,
        List.of(
            "-cp",
            benchJar.toString(),
            StockQuartzNode.class.getName(),
            db.url(),
            db.server().user(),
            db.server().password() == null ? "" : db.server().password(),
            nodeId),
        Map.of(),
        " ready");
  }

  @Override
  public OperatorTrigger operator(BenchDatabase db) throws Exception {
    Scheduler client =
        StockQuartzNode.factory(
                db.url(),
                db.server().user(),
                db.server().password() == null ? "" : db.server().password(),
                "bench-client")
            .getScheduler();
    return new OperatorTrigger() {
      @Override
      public String trigger(String tag) throws Exception {
        JobDataMap data = new JobDataMap();
        data.put("bench.tag", tag);
        client.triggerJob(new JobKey("bench", "default"), data);
        return tag;
      }

      @Override
      public String group() {
        return "manual";
      }

      @Override
      public void close() throws Exception {
        client.shutdown();
      }
    };
  }

  @Override
  public int finishedCount(BenchDatabase db, String group) throws SQLException {
    // Group names are the benchmark's own constants.
    return (int)
        db.queryLong(
            "select count(distinct tag) from bench_execution where tag like '"
                + group
                + "-%' and finished_at is not null");
  }

  @Override
  public List<Execution> executions(BenchDatabase db, String group) throws SQLException {
    List<Execution> runs = new ArrayList<>();
    try (Connection conn = db.connect();
        PreparedStatement select =
            conn.prepareStatement(
                "select tag, started_at, max(finished_at) as finished_at, node_id,"
                    + " bool_or(recovery) as recovery from bench_execution where tag like ?"
                    + " group by tag, started_at, node_id")) {
      select.setString(1, group + "-%");
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Timestamp finished = rows.getTimestamp("finished_at");
          runs.add(
              new Execution(
                  rows.getString("tag"),
                  rows.getTimestamp("started_at").toInstant(),
                  finished == null ? null : finished.toInstant(),
                  rows.getString("node_id"),
                  rows.getBoolean("recovery")));
        }
      }
    }
    return runs;
  }
}
