package dev.scheduler.daemon.node;

import static dev.scheduler.daemon.testing.ClusterTestSupport.nodeEnvironment;
import static dev.scheduler.daemon.testing.ClusterTestSupport.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduler.daemon.testing.ClusterTestSupport;
import dev.scheduler.daemon.testing.NodeProcess;
import dev.scheduler.daemon.testing.TcpProxy;
import dev.scheduler.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes lose the database for thirty seconds (every connection cut, new ones refused): they
 * keep running, recover by themselves, lose no history row, declare nobody dead, and the fires due
 * during the outage follow their catch-up policy.
 */
class DatabaseOutageIT {

  @RegisterExtension static final TestDatabase db = new TestDatabase();
  @TempDir Path directory;

  @Test
  void nodesRideOutThirtySecondsWithoutTheDatabase() {
    String logs = "";
    URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    try (TcpProxy proxy = TcpProxy.to(target.getHost(), target.getPort())) {
      Path config =
          ClusterTestSupport.config(
              directory,
              ClusterTestSupport.viaPort(db, proxy.port()),
              db.user(),
              """
              jobs:
                tick: { type: noop, schedule: { cron: "* * * * * ?" }, catchUp: skip }
                work: { type: sleep, params: { duration: 3s }, schedule: { cron: "0/5 * * * * ?" } }
              """);
      try (NodeProcess a = NodeProcess.start("a", directory, config, nodeEnvironment("node-a"));
          NodeProcess b = NodeProcess.start("b", directory, config, nodeEnvironment("node-b"))) {
        a.awaitReady();
        b.awaitReady();
        await("work to be running when the database goes")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    queryLong(
                            db,
                            "select count(*) from job_execution where job_name = 'work' and status = 'RUNNING'")
                        == 1);

        proxy.cut();
        Instant cut = Instant.now();
        await("thirty seconds without the database")
            .pollInterval(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(40))
            .until(() -> Instant.now().isAfter(cut.plusSeconds(30)));
        assertThat(a.isAlive() && b.isAlive()).as("both nodes outlive the outage").isTrue();
        proxy.restore();
        Instant restored = Instant.now();

        await("ticks after the outage")
            .atMost(Duration.ofSeconds(40))
            .until(
                () ->
                    queryLong(
                            db,
                            "select count(*) from job_execution where job_name = 'tick' and status"
                                + " = 'SUCCEEDED' and scheduled_at > '"
                                + restored
                                + "'")
                        >= 5);
        assertThat(a.log() + b.log()).contains("is back in touch with the database");
        logs = a.log() + "\n---\n" + b.log();
        assertThat(a.terminate(Duration.ofSeconds(60))).isZero();
        assertThat(b.terminate(Duration.ofSeconds(60))).isZero();
      }
    }

    System.out.println(
        "outage: "
            + ClusterTestSupport.dump(
                db,
                "select status, count(*) from job_execution where job_name = 'tick' group by"
                    + " status"));
    assertThat(queryLong(db, "select count(*) from job_execution where status = 'RUNNING'"))
        .as("runs without an outcome")
        .isZero();
    assertThat(queryLong(db, "select count(*) from job_execution where status = 'ORPHANED'"))
        .as("runs orphaned by a node wrongly counted dead")
        .isZero();
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where job_name = 'work' and status = 'SUCCEEDED'"
                    + " and duration_ms >= 3000"))
        .as("the run going when the database went, finished and recorded")
        .isGreaterThanOrEqualTo(1);
    assertThat(
            queryLong(
                db,
                "select count(*) from job_execution where job_name = 'tick' and status = 'MISSED'"))
        .as(
            "ticks due during the outage, recorded as missed (catchUp: skip)\n"
                + ClusterTestSupport.dump(
                    db,
                    "select status, node_id, min(scheduled_at), max(scheduled_at), count(*), min(note) from"
                        + " job_execution where job_name = 'tick' group by status, node_id")
                + logs)
        .isGreaterThanOrEqualTo(20);
    assertThat(
            queryLong(
                db,
                "select count(*) from (select job_name, scheduled_at from job_execution group by"
                    + " job_name, scheduled_at having count(*) > 1) d"))
        .as("fires recorded twice")
        .isZero();
  }
}
