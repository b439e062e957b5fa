package dev.scheduler.daemon.ops.metrics;

import dev.scheduler.daemon.cluster.ClockSkewGuard;
import dev.scheduler.daemon.cluster.ClusterWatch;
import dev.scheduler.daemon.history.ExecutionStatus;
import dev.scheduler.daemon.quartz.NotRunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntSupplier;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * One node's meters, in a Prometheus registry: executions (through {@link #executions()}, a job
 * listener), fires that did not run (through {@link #notRun()}, told by the job store), and gauges
 * read at scrape time from what the node already keeps in memory. Nothing here queries the
 * database.
 */
public final class NodeMetrics implements AutoCloseable {

  /** Prometheus's text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final ExecutionMetrics executions;

  public NodeMetrics(Clock clock) {
    this.executions = new ExecutionMetrics(registry, clock);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The job listener that counts and times executions; register it for every job. */
  public JobListener executions() {
    return executions;
  }

  /** Counts the fires the job store records as MISSED or SKIPPED. */
  /** Seeds the last-success gauges with what the history knows (each job's latest success). */
  public void lastSuccesses(Map<String, Instant> found) {
    executions.lastSuccesses(found);
  }

  public NotRunListener notRun() {
    return (job, status, reason) ->
        Counter.builder("scheduler.fires.not.run")
            .description(
                "Scheduled fires recorded as not run (MISSED or SKIPPED history rows) by this node")
            .tag("job", job)
            .tag("status", word(status))
            .tag("reason", reason)
            .register(registry)
            .increment();
  }

  /** The job thread pool: its size and how many of its threads run a job now. */
  public void jobThreads(int size, Scheduler scheduler) {
    Gauge.builder("scheduler.job.threads", () -> size)
        .description("Job threads of this node (node.threads)")
        .register(registry);
    Gauge.builder("scheduler.job.threads.busy", () -> busyThreads(scheduler))
        .description("Job threads running a job now")
        .register(registry);
  }

  /** This node's standing in the cluster, as its check-ins measure it (PostgreSQL only). */
  public void cluster(ClusterWatch watch, ClockSkewGuard skew) {
    Gauge.builder("scheduler.checkin.age", () -> seconds(millisOrEmpty(watch)))
        .description("Time since this node last checked in with the cluster")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("scheduler.clock.skew", () -> seconds(skew.lastSkewMillis()))
        .description("This node's clock minus the database's, at the last check-in")
        .baseUnit("seconds")
        .register(registry);
  }

  /** The triggers the last stuck-trigger sweep found (and released). */
  public void stuckTriggers(IntSupplier lastFound) {
    Gauge.builder("scheduler.stuck.triggers", lastFound::getAsInt)
        .description(
            "Triggers the last sweep (once a minute) found stuck in ACQUIRED, BLOCKED or ERROR"
                + " and released")
        .register(registry);
  }

  /** Writes every meter in Prometheus's text format ({@link #CONTENT_TYPE}). */
  public void scrape(OutputStream out) throws IOException {
    registry.scrape(out, CONTENT_TYPE);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  /** Tells the status as the metrics tag it, e.g. {@code skipped}. */
  static String word(ExecutionStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static double busyThreads(Scheduler scheduler) {
    try {
      return scheduler.getCurrentlyExecutingJobs().size();
    } catch (SchedulerException e) {
      return Double.NaN;
    }
  }

  private static OptionalLong millisOrEmpty(ClusterWatch watch) {
    long millis = watch.millisSinceCheckin();
    return millis < 0 ? OptionalLong.empty() : OptionalLong.of(millis);
  }

  private static double seconds(OptionalLong millis) {
    return millis.isPresent() ? millis.getAsLong() / 1000.0 : Double.NaN;
  }
}
