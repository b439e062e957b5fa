package dev.scheduler.daemon.ops.http;

import dev.scheduler.daemon.cluster.ClusterWatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Whether this node does its share of the work: the database answers, the scheduler is started and
 * not in standby, and (on PostgreSQL) its check-ins are current, so its peers count it alive.
 */
public final class Readiness implements AutoCloseable {

  static final String OK = "ok";

  private final DatabaseProbe database;
  private final Scheduler scheduler;
  private final Optional<ClusterWatch> watch;

  /**
   * @param watch the node's view of the cluster; empty on the embedded store, which has no peers
   */
  public Readiness(
      DataSource dataSource, Scheduler scheduler, Optional<ClusterWatch> watch, String nodeId) {
    this.database = new DatabaseProbe(dataSource, nodeId);
    this.scheduler = scheduler;
    this.watch = watch;
  }

  /** Every check's finding, by name: {@value #OK} or what is wrong. */
  Report check() {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("database", database.problem().orElse(OK));
    checks.put("scheduler", scheduler());
    watch.ifPresent(cluster -> checks.put("checkin", checkin(cluster)));
    return new Report(checks);
  }

  private String scheduler() {
    try {
      if (scheduler.isShutdown()) {
        return "shut down";
      }
      if (!scheduler.isStarted()) {
        return "not started yet";
      }
      if (scheduler.isInStandbyMode()) {
        return "in standby: it takes no fires (a clock off beyond node.clockSkewLimit does this;"
            + " see the log)";
      }
      return OK;
    } catch (SchedulerException e) {
      return e.getMessage();
    }
  }

  private static String checkin(ClusterWatch cluster) {
    if (cluster.current()) {
      return OK;
    }
    long millis = cluster.millisSinceCheckin();
    return (millis < 0 ? "no check-in yet" : "last check-in " + millis + " ms ago")
        + "; peers may count this node as dead and it takes no fires until one succeeds";
  }

  @Override
  public void close() {
    database.close();
  }

  /** The checks' findings; ready when every one is {@value #OK}. */
  record Report(Map<String, String> checks) {

    boolean ready() {
      return failed().isEmpty();
    }

    List<String> failed() {
      List<String> failed = new ArrayList<>();
      checks.forEach(
          (name, finding) -> {
            if (!OK.equals(finding)) {
              failed.add(name);
            }
          });
      return failed;
    }

    /** The JSON document: {@code {"ready": false, "failed": ["database"], "checks": {...}}}. */
    Map<String, Object> document() {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("ready", ready());
      document.put("failed", failed());
      document.put("checks", checks);
      return document;
    }
  }
}
