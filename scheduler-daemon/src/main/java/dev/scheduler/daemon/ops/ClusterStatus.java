package dev.scheduler.daemon.ops;

import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.history.Execution;
import dev.scheduler.daemon.node.NodeRegistry.NodeRecord;
import dev.scheduler.daemon.quartz.Checkin;
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

/** What {@code status} shows: the cluster's nodes and the executions running now. */
public final class ClusterStatus {

  private ClusterStatus() {}

  public static StatusView read(OperatorSession session) {
    try {
      Instant now = session.clock().instant();
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
                record == null ? null : record.skewMillis()));
      }
      nodes.sort(Comparator.comparing(NodeView::id));
      List<RunningView> running = new ArrayList<>();
      for (Execution execution : session.history().running()) {
        running.add(
            new RunningView(
                execution.id(),
                execution.job(),
                execution.node(),
                execution.runKey(),
                execution.scheduledAt(),
                execution.startedAt()));
      }
      return new StatusView(nodes, running);
    } catch (SchedulerException | SQLException e) {
      throw new OperationFailedException("could not read the cluster's status: " + e, e);
    }
  }

  /** The cluster's status. */
  public record StatusView(List<NodeView> nodes, List<RunningView> running) {}

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
   */
  public record NodeView(
      String id,
      String host,
      String version,
      Instant startedAt,
      Instant lastCheckin,
      long checkinAgeMillis,
      boolean alive,
      Long skewMillis) {}

  /** An execution that is running now. */
  public record RunningView(
      long id, String job, String node, String runKey, Instant scheduledAt, Instant startedAt) {}
}
