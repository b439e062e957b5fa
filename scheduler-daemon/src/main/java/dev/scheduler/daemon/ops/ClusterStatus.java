package dev.scheduler.daemon.ops;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.history.Execution;
import dev.scheduler.daemon.node.NodeRegistry.NodeRecord;
import dev.scheduler.daemon.quartz.Checkin;
import dev.scheduler.daemon.quartz.Finding;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quartz.SchedulerException;

/**
 * What {@code status} shows: the cluster's nodes with how busy each is, the executions running now,
 * what is stuck, and what fires next.
 */
public final class ClusterStatus {

  private ClusterStatus() {}

  /** How many upcoming fires status lists. */
  static final int NEXT_FIRES = 10;

  public static StatusView read(OperatorSession session) {
    try {
      Instant now = session.clock().instant();
      List<Execution> runningNow = session.history().running();
      Map<String, Long> runningByNode =
          runningNow.stream()
              .filter(execution -> execution.node() != null)
              .collect(Collectors.groupingBy(Execution::node, Collectors.counting()));
      Map<String, NodeRecord> registry =
          session.nodes().all().stream()
              .collect(Collectors.toMap(NodeRecord::id, Function.identity()));
      Set<String> live = session.quartz().store().liveNodes(session.config().node().cluster());
      List<NodeView> nodes = new ArrayList<>();
      for (Checkin checkin : session.quartz().store().checkins()) {
        NodeRecord record = registry.get(checkin.nodeId());
        nodes.add(
            new NodeView(
                checkin.nodeId(),
                record == null ? null : record.host(),
                record == null ? null : record.version(),
                record == null ? null : record.startedAt(),
                checkin.at(),
                Math.max(0, now.toEpochMilli() - checkin.at().toEpochMilli()),
                live.contains(checkin.nodeId()),
                record == null ? null : record.skewMillis(),
                runningByNode.getOrDefault(checkin.nodeId(), 0L),
                record == null ? null : record.threads()));
      }
      nodes.sort(Comparator.comparing(NodeView::id));
      List<RunningView> running = new ArrayList<>();
      for (Execution execution : runningNow) {
        running.add(
            new RunningView(
                execution.id(),
                execution.job(),
                execution.node(),
                execution.runKey(),
                execution.scheduledAt(),
                execution.startedAt()));
      }
      List<Finding> stuck =
          session.quartz().store().examineStuck(session.config().node().cluster(), false);
      List<NextFire> next =
          session.quartz().store().nextFireTimes().entrySet().stream()
              .sorted(Map.Entry.comparingByValue())
              .limit(NEXT_FIRES)
              .map(e -> new NextFire(e.getKey().getName(), Instant.ofEpochMilli(e.getValue())))
              .toList();
      return new StatusView(nodes, running, stuck, next);
    } catch (SchedulerException | SQLException e) {
      throw new OperationFailedException("could not read the cluster's status: " + e, e);
    }
  }

  /**
   * The cluster's status.
   *
   * @param stuck triggers and runs left stuck by dead nodes ({@code doctor} shows the same)
   * @param nextFires the next fires across the cluster, soonest first, one per job
   */
  public record StatusView(
      List<NodeView> nodes,
      List<RunningView> running,
      List<Finding> stuck,
      List<NextFire> nextFires) {}

  /** A job's next fire. */
  public record NextFire(String job, Instant at) {}

  /**
   * A node.
   *
   * @param id its node id
   * @param host where it runs, when known
   * @param version its scheduler version, when known
   * @param startedAt when it started, when known
   * @param lastCheckin its latest check-in
   * @param checkinAgeMillis how long ago that was
   * @param alive whether it checks in on time and has not stopped
   * @param skewMillis its clock's offset from the database's, when measured
   * @param runningJobs executions recorded as running on it
   * @param threads its job threads, when known: its pool is {@code runningJobs / threads} busy
   */
  public record NodeView(
      String id,
      String host,
      String version,
      Instant startedAt,
      Instant lastCheckin,
      long checkinAgeMillis,
      boolean alive,
      Long skewMillis,
      long runningJobs,
      Integer threads) {}

  /** An execution that is running now. */
  public record RunningView(
      long id, String job, String node, String runKey, Instant scheduledAt, Instant startedAt) {}
}
