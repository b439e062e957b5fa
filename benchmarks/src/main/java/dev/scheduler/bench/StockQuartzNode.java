package dev.scheduler.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/**
 * A stock Quartz 2.5 node with its default clustered JDBC settings (10 threads, batch size 1, 7.5 s
 * check-in, 60 s misfire threshold, 30 s idle wait), PostgreSQL delegate and Quartz's own HikariCP
 * provider. It writes what {@link RecordingJob} noted into {@code bench_execution} every 100 ms,
 * outside Quartz's transactions.
 *
 * <p>Run as {@code java -cp benchmarks.jar dev.scheduler.bench.StockQuartzNode URL USER PASSWORD
 * NODE_ID}.
 */
public final class StockQuartzNode {

  static final String INSTANCE_NAME = "StockQuartz";

  private StockQuartzNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    String nodeId = args[3];
    RecordingJob.nodeId = nodeId;
    Scheduler scheduler = factory(url, user, password, nodeId).getScheduler();
    Thread flusher = new Thread(() -> flushForever(url, user, password), "bench-flusher");
    flusher.setDaemon(true);
    flusher.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    scheduler.shutdown(true);
                    flush(url, user, password);
                  } catch (Exception e) {
                    e.printStackTrace();
                  }
                }));
    scheduler.start();
    System.out.println("stock quartz node " + nodeId + " ready");
    Thread.currentThread().join();
  }

  /** The scheduler factory with Quartz's defaults for a clustered JDBC store. */
  static StdSchedulerFactory factory(String url, String user, String password, String instanceId)
      throws SchedulerException {
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", INSTANCE_NAME);
    properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
    properties.setProperty("org.quartz.threadPool.threadCount", "10");
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    properties.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    properties.setProperty("org.quartz.jobStore.dataSource", "qds");
    properties.setProperty("org.quartz.jobStore.isClustered", "true");
    properties.setProperty("org.quartz.dataSource.qds.provider", "hikaricp");
    properties.setProperty("org.quartz.dataSource.qds.driver", "org.postgresql.Driver");
    properties.setProperty("org.quartz.dataSource.qds.URL", url);
    properties.setProperty("org.quartz.dataSource.qds.user", user);
    properties.setProperty("org.quartz.dataSource.qds.password", password);
    return new StdSchedulerFactory(properties);
  }

  private static void flushForever(String url, String user, String password) {
    while (true) {
      try {
        Thread.sleep(100);
        flush(url, user, password);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
  }

  private static synchronized void flush(String url, String user, String password)
      throws SQLException {
    List<Execution> batch = new ArrayList<>();
    Execution next;
    while ((next = RecordingJob.RUNS.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(url, user, password);
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into bench_execution (tag, started_at, finished_at, node_id, recovery)"
                    + " values (?, ?, ?, ?, ?)")) {
      for (Execution run : batch) {
        insert.setString(1, run.tag());
        insert.setTimestamp(2, Timestamp.from(run.startedAt()));
        insert.setTimestamp(3, run.finishedAt() == null ? null : Timestamp.from(run.finishedAt()));
        insert.setString(4, run.node());
        insert.setBoolean(5, run.recovery());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
