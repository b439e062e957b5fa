package dev.scheduler.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The experiments, each on a fresh database, the same for both schedulers. */
final class Experiments {

  private final BenchDatabase.Server server;
  private final Path workDir;

  Experiments(BenchDatabase.Server server, Path workDir) {
    this.server = server;
    this.workDir = workDir;
  }

  /**
   * What a burst of fires due at once came to; {@code warmUp} is the first burst the same nodes
   * drained, before the measured one (null for the warm-up itself).
   */
  record Drain(
      int count,
      int executed,
      int duplicates,
      double perSecond,
      Stats lateness,
      long heapMiB,
      long rssMiB,
      boolean finished,
      Drain warmUp) {}

  /** The group of the fires that warm the nodes up; a quarter of the measured burst. */
  private static final String WARM_UP = "warmup";

  /**
   * {@code count} one-shot no-op fires due at the same instant, on {@code nodes} nodes, with {@code
   * future} per-user triggers stored beside them: how fast they drain and how late they start.
   *
   * <p>The nodes first drain a burst a quarter that size, for both schedulers: a daemon meets its
   * daily bursts long after it started, with its code compiled, while a node started seconds before
   * the burst spends much of its CPU in the JIT compilers. The warm-up's own numbers are kept.
   */
  Drain drain(Target target, int nodes, int count, int future) throws Exception {
    int warmUpCount = Math.max(1, count / 4);
    try (BenchDatabase db = BenchDatabase.create(server, "drain")) {
      target.prepare(db);
      if (future > 0) {
        target.seedFuture(db, future, Instant.now().plus(Duration.ofDays(1)));
      }
      // Stored far ahead, then made due once every node runs: seeding takes longer than a node's
      // start, and a burst due before any node ran would be a catch-up after downtime instead.
      Instant farAhead = Instant.now().plus(Duration.ofDays(2));
      target.seedDue(db, WARM_UP, warmUpCount, farAhead);
      target.seedDue(db, "drain", count, farAhead);
      // Triggers stored long before would have been analyzed by autovacuum by now.
      db.execute("analyze");
      List<NodeProcess> started = new ArrayList<>();
      try {
        for (int i = 0; i < nodes; i++) {
          started.add(target.startNode(db, "bench-" + i));
        }
        Drain warmUp = burst(target, db, WARM_UP, warmUpCount, started, null);
        // As autovacuum would have by the next burst, after the warm-up's rows were deleted.
        db.execute("analyze");
        Drain measured = burst(target, db, "drain", count, started, warmUp);
        started.forEach(NodeProcess::stop);
        return measured;
      } finally {
        started.forEach(NodeProcess::close);
      }
    }
  }

  /** Makes a group due on the running nodes and waits until its fires have all run. */
  private Drain burst(
      Target target,
      BenchDatabase db,
      String group,
      int count,
      List<NodeProcess> nodes,
      Drain warmUp)
      throws Exception {
    Instant due = Instant.now().plus(target.discoveryLead());
    target.makeDue(db, group, due);
    Duration timeout = Duration.ofSeconds(60 + count / 20);
    boolean finished = Waits.until(timeout, 1_000, () -> finishedCount(target, db, group) >= count);
    long heap = nodes.get(0).heapUsedMiB();
    long rss = nodes.get(0).rssMiB();
    List<Execution> runs = executions(target, db, group);
    Map<String, Execution> first = firstByTag(runs);
    List<Long> lateness = new ArrayList<>();
    Instant last = due;
    for (Execution run : first.values()) {
      lateness.add(Math.max(0, Duration.between(due, run.startedAt()).toMillis()));
      Instant end = run.finishedAt() == null ? run.startedAt() : run.finishedAt();
      if (end.isAfter(last)) {
        last = end;
      }
    }
    double seconds = Math.max(0.001, Duration.between(due, last).toMillis() / 1000.0);
    return new Drain(
        count,
        first.size(),
        runs.size() - first.size(),
        first.size() / seconds,
        Stats.of(lateness),
        heap,
        rss,
        finished,
        warmUp);
  }

  private static int finishedCount(Target target, BenchDatabase db, String group) {
    try {
      return target.finishedCount(db, group);
    } catch (Exception e) {
      throw new IllegalStateException("could not count the runs: " + e.getMessage(), e);
    }
  }

  /**
   * Rounds of: a recoverable long job runs on one of two nodes, that node gets kill -9, the other
   * runs it again. Measures from the kill to the re-run's start.
   */
  Stats failover(Target target, int rounds) throws Exception {
    List<Long> latencies = new ArrayList<>();
    try (BenchDatabase db = BenchDatabase.create(server, "failover")) {
      target.prepare(db);
      Map<String, NodeProcess> nodes = new HashMap<>();
      try {
        for (String id : List.of("node-a", "node-b")) {
          nodes.put(id, target.startNode(db, id));
        }
        for (int round = 0; round < rounds; round++) {
          String tag = "fo" + round;
          target.seedLongRun(db, tag, Instant.now());
          // An idle node looks for new triggers at least every 30 s.
          if (!Waits.until(
              Duration.ofSeconds(45), 100, () -> firstRun(target, db, tag, false) != null)) {
            throw new IllegalStateException(target.name() + ": the long job did not start");
          }
          String victim = firstRun(target, db, tag, false).node();
          nodes.get(victim).kill();
          Instant killed = Instant.now();
          if (!Waits.until(
              Duration.ofSeconds(60), 20, () -> firstRun(target, db, tag, true) != null)) {
            throw new IllegalStateException(target.name() + ": the long job was not recovered");
          }
          latencies.add(
              Duration.between(killed, firstRun(target, db, tag, true).startedAt()).toMillis());
          nodes.put(victim, target.startNode(db, victim));
        }
      } finally {
        nodes.values().forEach(NodeProcess::close);
      }
    }
    return Stats.of(latencies);
  }

  /**
   * An operator asks for {@code count} runs, one every half second, on a two-node cluster: from
   * each request's commit to its run's start.
   */
  Stats operatorLatency(Target target, int count) throws Exception {
    try (BenchDatabase db = BenchDatabase.create(server, "operator")) {
      target.prepare(db);
      List<NodeProcess> nodes = new ArrayList<>();
      Map<String, Instant> committed = new HashMap<>();
      try {
        nodes.add(target.startNode(db, "node-a"));
        nodes.add(target.startNode(db, "node-b"));
        try (Target.OperatorTrigger operator = target.operator(db)) {
          for (int i = 0; i < count; i++) {
            String tag = operator.trigger("manual-" + i);
            committed.put(tag, Instant.now());
            Waits.pause(500);
          }
          String group = operator.group();
          Waits.until(
              Duration.ofSeconds(60),
              500,
              () -> firstByTag(executions(target, db, group)).size() >= count);
          List<Long> latencies = new ArrayList<>();
          for (Execution run : firstByTag(executions(target, db, group)).values()) {
            Instant at = committed.get(run.tag());
            if (at != null) {
              latencies.add(Math.max(0, Duration.between(at, run.startedAt()).toMillis()));
            }
          }
          return Stats.of(latencies);
        }
      } finally {
        nodes.forEach(NodeProcess::close);
      }
    }
  }

  /** What an idle node with many stored triggers costs the database and itself. */
  record Idle(double transactionsPerSecond, long heapMiB, long rssMiB) {}

  Idle idle(Target target, int future, Duration window) throws Exception {
    try (BenchDatabase db = BenchDatabase.create(server, "idle")) {
      target.prepare(db);
      target.seedFuture(db, future, Instant.now().plus(Duration.ofDays(1)));
      try (NodeProcess node = target.startNode(db, "idle-node")) {
        // PostgreSQL reports an idle session's counts up to 10 s late: the node's start-up
        // transactions must have landed before the window opens, or they count as idle load.
        Waits.pause(15_000);
        long before = db.transactions();
        Waits.pause(window.toMillis());
        // The statistics lag by up to half a second; read after they settled.
        Waits.pause(700);
        long after = db.transactions() - 2;
        double perSecond = (after - before) / (double) window.toSeconds();
        long heap = node.heapUsedMiB();
        long rss = node.rssMiB();
        node.stop();
        return new Idle(perSecond, heap, rss);
      }
    }
  }

  /**
   * The database's own ceiling for one commit per job: pgbench deleting queue rows one at a time
   * with {@code FOR UPDATE SKIP LOCKED}, 8 clients.
   */
  double ceiling(int rows) throws Exception {
    try (BenchDatabase db = BenchDatabase.create(server, "ceiling")) {
      db.execute("create table queue (id bigserial primary key, payload integer)");
      db.execute("insert into queue (payload) select g from generate_series(1, " + rows + ") g");
      db.execute("vacuum analyze queue");
      Path script =
          Files.writeString(
              workDir.resolve("dequeue.sql"),
              "delete from queue where id = (select id from queue order by id limit 1"
                  + " for update skip locked) returning id;\n");
      int clients = 8;
      List<String> command =
          List.of(
              "pgbench",
              "-n",
              "-c",
              String.valueOf(clients),
              "-j",
              "2",
              "-t",
              String.valueOf(rows / clients),
              "-f",
              script.toString(),
              "-h",
              server.host(),
              "-p",
              String.valueOf(server.port()),
              "-U",
              server.user(),
              db.name());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      if (server.password() != null) {
        builder.environment().put("PGPASSWORD", server.password());
      }
      Process pgbench = builder.start();
      String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      pgbench.waitFor(5, TimeUnit.MINUTES);
      Matcher tps =
          Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
      if (!tps.find()) {
        throw new IOException("pgbench did not report tps:\n" + output);
      }
      return Double.parseDouble(tps.group(1));
    }
  }

  private static List<Execution> executions(Target target, BenchDatabase db, String group) {
    try {
      return target.executions(db, group);
    } catch (Exception e) {
      throw new IllegalStateException("could not read the runs: " + e.getMessage(), e);
    }
  }

  private static Execution firstRun(Target target, BenchDatabase db, String tag, boolean recovery) {
    return executions(target, db, tag).stream()
        .filter(run -> run.recovery() == recovery)
        .min((a, b) -> a.startedAt().compareTo(b.startedAt()))
        .orElse(null);
  }

  private static Map<String, Execution> firstByTag(List<Execution> runs) {
    Map<String, Execution> first = new HashMap<>();
    for (Execution run : runs) {
      first.merge(run.tag(), run, (a, b) -> a.startedAt().isBefore(b.startedAt()) ? a : b);
    }
    return first;
  }
}
