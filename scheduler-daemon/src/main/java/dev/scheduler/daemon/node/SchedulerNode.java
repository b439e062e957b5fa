package dev.scheduler.daemon.node;

import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.text.Placeholders;
import dev.scheduler.daemon.OperationFailedException;
import dev.scheduler.daemon.cluster.ClockSkewGuard;
import dev.scheduler.daemon.cluster.ClusterWatch;
import dev.scheduler.daemon.cluster.LivenessSession;
import dev.scheduler.daemon.cluster.LockKeys;
import dev.scheduler.daemon.cluster.NodeIdInUseException;
import dev.scheduler.daemon.cluster.Wakeups;
import dev.scheduler.daemon.config.EffectiveConfig;
import dev.scheduler.daemon.config.JobConfig;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.execution.ExecutionPolicyListener;
import dev.scheduler.daemon.history.ExecutionHistoryListener;
import dev.scheduler.daemon.history.HistoryRepository;
import dev.scheduler.daemon.history.HistoryWriter;
import dev.scheduler.daemon.history.RunRecorder;
import dev.scheduler.daemon.ops.ExecutionLogContext;
import dev.scheduler.daemon.ops.alerts.AlertingJobListener;
import dev.scheduler.daemon.ops.alerts.Alerts;
import dev.scheduler.daemon.ops.alerts.SuccessWatch;
import dev.scheduler.daemon.ops.http.NodeHttpServer;
import dev.scheduler.daemon.ops.http.Readiness;
import dev.scheduler.daemon.ops.metrics.NodeMetrics;
import dev.scheduler.daemon.quartz.DeclaredJob;
import dev.scheduler.daemon.quartz.QuartzSchedulers;
import dev.scheduler.daemon.quartz.QuartzSchedulers.QuartzHandle;
import dev.scheduler.daemon.quartz.ReconcilePlan;
import dev.scheduler.daemon.store.NamedDataSources;
import dev.scheduler.daemon.store.SchedulerDatabase;
import dev.scheduler.db.DatabaseMigrations;
import dev.scheduler.db.DatabaseMigrations.MigrationOutcome;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.FlywayException;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.EverythingMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: opens the database, migrates it, takes its node id's lock, reconciles the
 * configured jobs, runs Quartz in cluster mode, and on {@link #stop()} drains: no new fires,
 * running jobs get {@code shutdownTimeout} to finish, the rest are interrupted (recoverable ones
 * then run again on a surviving node).
 */
public final class SchedulerNode {

  private static final Logger log = LoggerFactory.getLogger(SchedulerNode.class);

  /** How long interrupted jobs get to end before the node stops without them. */
  static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

  static final Duration HISTORY_FLUSH_TIMEOUT = Duration.ofSeconds(10);

  private final SchedulerConfig config;
  private final NodeIdentity identity;
  private final Clock clock;
  private final SchedulerDatabase database;
  private final NamedDataSources datasources;
  private final LivenessSession liveness;
  private final QuartzHandle quartz;
  private final HistoryWriter historyWriter;
  private final ExecutionPolicyListener policy;
  private final NodeRegistry registry;
  private final CompletableFuture<String> fatal;
  private final StuckTriggerSweep sweep;
  private final Wakeups wakeups;
  private final PauseExpiry pauseExpiry;
  private final NodeMetrics metrics;
  private final NodeHttpServer http;
  private final Alerts alerts;
  private final ScheduledExecutorService successWatch;

  private SchedulerNode(Parts parts) {
    this.config = parts.config;
    this.identity = parts.identity;
    this.clock = parts.clock;
    this.database = parts.database;
    this.datasources = parts.datasources;
    this.liveness = parts.liveness;
    this.quartz = parts.quartz;
    this.historyWriter = parts.historyWriter;
    this.policy = parts.policy;
    this.registry = parts.registry;
    this.fatal = parts.fatal;
    this.sweep = parts.sweep;
    this.wakeups = parts.wakeups;
    this.pauseExpiry = parts.pauseExpiry;
    this.metrics = parts.metrics;
    this.http = parts.http;
    this.alerts = parts.alerts;
    this.successWatch = parts.successWatch;
  }

  /** Starts a node; returns once it fires jobs. */
  public static SchedulerNode start(SchedulerConfig config, JobTypes types, Clock clock)
      throws Exception {
    long began = System.nanoTime();
    Parts parts = new Parts(config, types, clock);
    log.info(
        "starting node {} (scheduler {}, pid {}) with {}",
        parts.identity.id(),
        SchedulerVersion.current(),
        parts.identity.pid(),
        config.source());
    int poolSize =
        config
            .database()
            .map(db -> db.poolSizeFor(config.node().threads()))
            .orElse(config.node().threads() + 5);
    parts.database =
        SchedulerDatabase.open(config, poolSize, "scheduler-node-" + parts.identity.id());
    if (parts.database.embedded()) {
      log.info(
          "using the {} (single node; set database.url to a PostgreSQL database to run a"
              + " cluster)",
          parts.database.description());
    } else {
      log.info("using {}", parts.database.description());
    }
    log.info(
        "effective configuration (secrets masked):\n{}",
        EffectiveConfig.render(
                config,
                SchedulerDatabase.EMBEDDED_DIRECTORY.toAbsolutePath().normalize().toString())
            .stripTrailing());
    try {
      parts.start(began);
      return new SchedulerNode(parts);
    } catch (Exception | Error e) {
      parts.closeAfterFailedStart();
      throw e;
    }
  }

  public NodeIdentity identity() {
    return identity;
  }

  /** The port of the metrics and health endpoints; empty when {@code http.enabled} is false. */
  public Optional<Integer> httpPort() {
    return Optional.ofNullable(http).map(NodeHttpServer::port);
  }

  /** Completes, with the reason, if the node must stop on its own: another process took its id. */
  public CompletableFuture<String> fatal() {
    return fatal;
  }

  /**
   * Drains and stops: stops acquiring fires, waits up to {@code shutdownTimeout} for running jobs,
   * interrupts those still running, then closes everything. Never throws.
   */
  public void stop() {
    long began = System.nanoTime();
    Scheduler scheduler = quartz.scheduler();
    Duration timeout = config.node().shutdownTimeout();
    // First, so that a stopping node no longer reports itself ready.
    if (http != null) {
      http.close();
    }
    sweep.close();
    pauseExpiry.close();
    if (successWatch != null) {
      successWatch.shutdownNow();
    }
    if (wakeups != null) {
      wakeups.close();
    }
    try {
      scheduler.standby();
      List<JobExecutionContext> running = scheduler.getCurrentlyExecutingJobs();
      log.info(
          "stopping: no new fires; waiting at most {} s for {} running jobs",
          timeout.toSeconds(),
          Math.max(running.size(), quartz.store().unfinishedRuns()));
      if (!awaitNoRunningJobs(scheduler, timeout)) {
        running = scheduler.getCurrentlyExecutingJobs();
        log.warn(
            "interrupting {} jobs still running after {} s: {}",
            running.size(),
            timeout.toSeconds(),
            describe(running));
        policy.nodeStopping();
        for (JobExecutionContext context : running) {
          scheduler.interrupt(context.getFireInstanceId());
        }
        if (!awaitNoRunningJobs(scheduler, INTERRUPT_GRACE)) {
          log.warn(
              "{} jobs ignored the interrupt for {} s; stopping without them: {}",
              scheduler.getCurrentlyExecutingJobs().size(),
              INTERRUPT_GRACE.toSeconds(),
              describe(scheduler.getCurrentlyExecutingJobs()));
        }
      }
      scheduler.shutdown(false);
    } catch (SchedulerException | RuntimeException e) {
      log.error("stopping the scheduler failed; closing the node anyway", e);
    }
    policy.close();
    historyWriter.close(HISTORY_FLUSH_TIMEOUT);
    try {
      registry.stopped(identity, clock.instant());
    } catch (Exception e) {
      log.warn("could not record that node {} stopped: {}", identity.id(), e.getMessage());
    }
    if (liveness != null) {
      liveness.close();
    }
    datasources.close();
    database.close();
    metrics.close();
    if (alerts != null) {
      alerts.close();
    }
    log.info("node {} stopped in {} ms", identity.id(), millisSince(began));
  }

  /**
   * Waits until no job runs here, counting the runs fired but not yet begun by a job thread: a
   * batch the scheduler thread fired just before standby still starts after it.
   */
  private boolean awaitNoRunningJobs(Scheduler scheduler, Duration timeout)
      throws SchedulerException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!scheduler.getCurrentlyExecutingJobs().isEmpty()
        || quartz.store().unfinishedRuns() > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static String describe(List<JobExecutionContext> running) {
    return String.join(
        ", ",
        running.stream()
            .map(context -> context.getJobDetail().getKey().getName())
            .sorted()
            .toList());
  }

  static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** What a node is made of, assembled step by step so a failed start can close what it opened. */
  private static final class Parts {
    final SchedulerConfig config;
    final JobTypes types;
    final Clock clock;
    final NodeIdentity identity;
    final CompletableFuture<String> fatal = new CompletableFuture<>();
    SchedulerDatabase database;
    NamedDataSources datasources;
    LivenessSession liveness;
    QuartzHandle quartz;
    HistoryWriter historyWriter;
    ExecutionPolicyListener policy;
    NodeRegistry registry;
    StuckTriggerSweep sweep;
    Wakeups wakeups;
    PauseExpiry pauseExpiry;
    NodeMetrics metrics;
    NodeHttpServer http;
    Alerts alerts;
    ScheduledExecutorService successWatch;

    Parts(SchedulerConfig config, JobTypes types, Clock clock) {
      this.config = config;
      this.types = types;
      this.clock = clock;
      this.identity = NodeIdentity.of(config.node());
    }

    void start(long began) throws Exception {
      migrate();
      registry = new NodeRegistry(database.dataSource());
      if (database.embedded()) {
        EmbeddedStoreGuard.refuseSecondNode(database.dataSource(), identity, clock);
      } else {
        takeNodeId();
      }
      if (config.http().enabled()) {
        // Bound now, so that a port in use stops the start before this node fires anything.
        http = NodeHttpServer.bind(config.http(), identity.id());
      } else {
        log.info("no metrics or health endpoints (http.enabled: false)");
      }
      registry.started(
          identity,
          SchedulerVersion.current(),
          clock.instant(),
          liveness == null ? null : LockKeys.asObjectId(liveness.key()),
          config.node().threads());

      datasources =
          new NamedDataSources(
              config.datasources(), database.dataSource(), config.smtp(), identity.id());
      quartz =
          QuartzSchedulers.node(
              identity.id(),
              database.dataSource(),
              config.node(),
              types.withClasses(config.node().classpath().classes()).with(datasources),
              clock,
              Placeholders.fromSystemEnvironment());
      metrics = new NodeMetrics(clock);
      seedLastSuccesses();
      if (config.alerts().enabled()) {
        alerts = Alerts.of(config.alerts(), config.smtp(), config.jobs(), identity.id(), clock);
        quartz.store().setNotRunListener(metrics.notRun().and(alerts.notRun()));
        quartz.store().setRecoveryListener(alerts.recovery());
      } else {
        log.info("no alerts (alerts.enabled: false)");
        quartz.store().setNotRunListener(metrics.notRun());
      }
      ClockSkewGuard skew = new ClockSkewGuard(config.node().cluster());
      Optional<ClusterWatch> watch = Optional.empty();
      if (liveness != null) {
        watch = Optional.of(clusterWatch(skew));
        quartz.store().setClusterWatch(watch.get());
        metrics.cluster(watch.get(), skew);
      }
      historyWriter =
          new HistoryWriter(new HistoryRepository(database.dataSource()), identity.id());
      historyWriter.start();
      policy = new ExecutionPolicyListener(quartz.store(), historyWriter, clock);
      var listeners = quartz.scheduler().getListenerManager();
      listeners.addTriggerListener(
          new ExecutionLogContext(identity.id()), EverythingMatcher.allTriggers());
      // The policy listener goes first: the history row carries its decisions.
      listeners.addJobListener(policy, EverythingMatcher.allJobs());
      RunRecorder recorder = quartz.store().runRecorder().orElse(historyWriter);
      listeners.addJobListener(
          new ExecutionHistoryListener(recorder, identity.id(), clock),
          EverythingMatcher.allJobs());
      listeners.addJobListener(metrics.executions(), EverythingMatcher.allJobs());
      if (alerts != null) {
        // After the policy listener: a failure with a retry pending is not yet an alert.
        listeners.addJobListener(new AlertingJobListener(alerts), EverythingMatcher.allJobs());
      }
      metrics.jobThreads(config.node().threads(), quartz.scheduler());

      reconcile();
      skew.attach(quartz.scheduler());
      quartz.scheduler().start();
      sweep = StuckTriggerSweep.start(quartz.store(), config.node().cluster(), identity.id());
      metrics.stuckTriggers(sweep::lastFound);
      pauseExpiry = PauseExpiry.start(quartz.store(), identity);
      if (alerts != null) {
        watchForSilentJobs(watch, clock.instant());
      }
      if (liveness != null) {
        wakeups =
            Wakeups.listen(config.database().orElseThrow(), identity.id(), quartz.store()::wake);
      }
      if (http != null) {
        http.start(
            metrics,
            new Readiness(database.dataSource(), quartz.scheduler(), watch, identity.id()));
      }
      log.info(
          "node {} ready: {} job threads, {} jobs (started in {} ms)",
          identity.id(),
          config.node().threads(),
          config.jobs().size(),
          millisSince(began));
    }

    private void migrate() {
      long step = System.nanoTime();
      MigrationOutcome migration;
      try {
        migration = DatabaseMigrations.migrate(database.dataSource());
      } catch (FlywayException e) {
        throw new OperationFailedException(
            "could not migrate the database at " + database.description() + ": " + e.getMessage(),
            e);
      }
      log.info(
          "database schema at version {} ({} migrations applied in {} ms)",
          migration.toVersion() == null ? migration.fromVersion() : migration.toVersion(),
          migration.applied(),
          millisSince(step));
    }

    /** Takes the node id's lock, refusing to run beside a live node with the same id. */
    private void takeNodeId() throws SQLException {
      try {
        liveness = LivenessSession.acquire(config.database().orElseThrow(), identity.id());
      } catch (NodeIdInUseException e) {
        String holder =
            registry
                .find(identity.id())
                .map(
                    node ->
                        " on host "
                            + node.host()
                            + " (pid "
                            + node.pid()
                            + ", started "
                            + node.startedAt()
                            + ")")
                .orElse("");
        throw new OperationFailedException(
            "node id "
                + identity.id()
                + " is in use by a live node"
                + holder
                + "; give this node another id (SCHEDULER_NODE_ID or node.id)",
            e);
      }
    }

    private ClusterWatch clusterWatch(ClockSkewGuard skew) {
      return new ClusterWatch(
          identity.id(),
          quartz.store().getTablePrefix(),
          QuartzSchedulers.CLUSTER_NAME,
          config.node().cluster(),
          liveness,
          new ClusterWatch.Listener() {
            @Override
            public void clockSkew(long skewMillis) {
              skew.measured(skewMillis);
            }

            @Override
            public void idTakenOver(String message) {
              log.error("{}; this node stops", message);
              fatal.complete(message);
            }
          },
          clock.instant());
    }

    private void reconcile() throws SchedulerException {
      long step = System.nanoTime();
      List<JobConfig> jobs = List.copyOf(config.scheduledJobs().values());
      ReconcilePlan plan = quartz.store().reconcile(jobs.stream().map(DeclaredJob::from).toList());
      for (ReconcilePlan.Change change : plan.changes()) {
        log.info("configuration: {}", change.describe());
      }
      log.info(
          "configuration reconciled: {} jobs declared, {} changes to the job store ({} ms)",
          jobs.size(),
          plan.changes().size(),
          millisSince(step));
    }

    /** The history's last success of each job, for the metrics; a failure only costs the seed. */
    private void seedLastSuccesses() {
      try {
        metrics.lastSuccesses(
            new HistoryRepository(database.dataSource())
                .lastSuccesses(config.scheduledJobs().keySet()));
      } catch (SQLException e) {
        log.warn(
            "could not read the jobs' last successes ({}); the last-success metric starts empty",
            e.getMessage());
      }
    }

    /** Alerts on jobs with {@code expectSuccessEvery} that stay without a success that long. */
    private void watchForSilentJobs(Optional<ClusterWatch> cluster, Instant startedAt) {
      Map<String, Duration> expected = new LinkedHashMap<>();
      config.jobs().values().stream()
          .filter(JobConfig::enabled)
          .forEach(
              job ->
                  job.alerts()
                      .expectSuccessEvery()
                      .ifPresent(every -> expected.put(job.name(), every)));
      if (expected.isEmpty()) {
        return;
      }
      SuccessWatch watch =
          new SuccessWatch(
              database.dataSource(),
              expected,
              alerts,
              // The embedded store has one node: it always leads.
              () -> cluster.map(ClusterWatch::leads).orElse(true),
              () -> cluster.map(c -> Instant.ofEpochMilli(c.clusterUpSince())).orElse(startedAt),
              config.alerts().repeatAfter(),
              clock);
      long every = SuccessWatch.EVERY.toMillis();
      successWatch = NodeTimers.daemon("success-watch-" + identity.id());
      successWatch.scheduleWithFixedDelay(watch::check, every, every, TimeUnit.MILLISECONDS);
    }

    void closeAfterFailedStart() {
      if (http != null) {
        http.close();
      }
      if (sweep != null) {
        sweep.close();
      }
      if (pauseExpiry != null) {
        pauseExpiry.close();
      }
      if (successWatch != null) {
        successWatch.shutdownNow();
      }
      if (wakeups != null) {
        wakeups.close();
      }
      if (quartz != null) {
        try {
          quartz.scheduler().shutdown(false);
        } catch (SchedulerException e) {
          log.debug("closing Quartz after a failed start", e);
        }
      }
      if (policy != null) {
        policy.close();
      }
      if (historyWriter != null) {
        historyWriter.close(Duration.ofSeconds(1));
      }
      if (liveness != null) {
        liveness.close();
      }
      if (datasources != null) {
        datasources.close();
      }
      database.close();
      if (metrics != null) {
        metrics.close();
      }
      if (alerts != null) {
        alerts.close();
      }
    }
  }
}
