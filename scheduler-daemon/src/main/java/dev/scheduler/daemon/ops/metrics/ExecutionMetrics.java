package dev.scheduler.daemon.ops.metrics;

import dev.scheduler.catalog.quartz.FireFacts;
import dev.scheduler.daemon.history.ExecutionStatus;
import dev.scheduler.daemon.history.Outcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and times every execution on this node, from what Quartz hands the job listeners: the
 * outcome as the history records it ({@link Outcomes}), the run's scheduled instant and attempt as
 * {@link FireFacts} reads them. Never throws into Quartz.
 */
final class ExecutionMetrics implements JobListener {

  private static final Logger log = LoggerFactory.getLogger(ExecutionMetrics.class);
  private static final String COUNTED_KEY = ExecutionMetrics.class.getName() + ".counted";

  /** From a no-op job to a long report; beyond an hour is one bucket. */
  static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15),
    Duration.ofHours(1)
  };

  /** On time is well under a second; a fire a minute late or more was held up by something. */
  static final Duration[] LATENESS_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5)
  };

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastSuccessMillis = new ConcurrentHashMap<>();
  // Meters are kept per job (and outcome) once registered: building a meter's id and asking the
  // registry for it took a sixth of a no-op run's time on its job thread.
  private final Map<String, Timer> latenessByJob = new ConcurrentHashMap<>();
  private final Map<Ended, EndMeters> endMeters = new ConcurrentHashMap<>();

  /** How a run of a job ended: the key of its end meters. */
  private record Ended(String job, ExecutionStatus status) {}

  /** The meters an ended run counts in. */
  private record EndMeters(Counter executions, Timer duration) {}

  ExecutionMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "execution-metrics";
  }

  @Override
  public void jobToBeExecuted(JobExecutionContext context) {
    try {
      Instant startedAt = clock.instant();
      FireFacts fire = FireFacts.of(context);
      String job = fire.job().getName();
      running(job).incrementAndGet();
      context.put(COUNTED_KEY, Boolean.TRUE);
      if (fire.attempt() > 1) {
        // A retry's wait is its backoff, not lateness.
        Counter.builder("scheduler.retries")
            .description("Retry attempts started (attempt 2 and later)")
            .tag("job", job)
            .register(registry)
            .increment();
      } else {
        Duration late = Duration.between(fire.scheduledAt(), startedAt);
        lateness(job).record(late.isNegative() ? Duration.ZERO : late);
      }
    } catch (RuntimeException e) {
      log.warn("could not count the start of {}: {}", context.getFireInstanceId(), e.toString());
    }
  }

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException error) {
    try {
      String job = context.getJobDetail().getKey().getName();
      if (context.get(COUNTED_KEY) != null) {
        running(job).decrementAndGet();
      }
      ExecutionStatus status = Outcomes.status(context, error);
      EndMeters meters = endMeters.computeIfAbsent(new Ended(job, status), this::endMeters);
      meters.executions().increment();
      if (context.getJobRunTime() >= 0) {
        meters.duration().record(context.getJobRunTime(), TimeUnit.MILLISECONDS);
      }
      if (status == ExecutionStatus.SUCCEEDED) {
        lastSuccess(job).set(clock.millis());
      }
    } catch (RuntimeException e) {
      log.warn("could not count the end of {}: {}", context.getFireInstanceId(), e.toString());
    }
  }

  @Override
  public void jobExecutionVetoed(JobExecutionContext context) {}

  /**
   * Jobs' last successes from the history, so that the gauge tells the truth from the node's start
   * rather than only after each job's next success here.
   */
  void lastSuccesses(Map<String, Instant> found) {
    found.forEach((job, at) -> lastSuccess(job).accumulateAndGet(at.toEpochMilli(), Math::max));
  }

  private EndMeters endMeters(Ended ended) {
    Tags tags = Tags.of("job", ended.job(), "outcome", NodeMetrics.word(ended.status()));
    return new EndMeters(
        Counter.builder("scheduler.executions")
            .description("Executions that ended on this node, by job and outcome")
            .tags(tags)
            .register(registry),
        Timer.builder("scheduler.execution.duration")
            .description("How long executions ran, by job and outcome")
            .tags(tags)
            .serviceLevelObjectives(DURATION_BUCKETS)
            .register(registry));
  }

  private Timer lateness(String job) {
    return latenessByJob.computeIfAbsent(
        job,
        name ->
            Timer.builder("scheduler.fire.lateness")
                .description(
                    "How long after its scheduled instant each fire started (first attempts;"
                        + " retries wait for their backoff)")
                .tag("job", name)
                .serviceLevelObjectives(LATENESS_BUCKETS)
                .register(registry));
  }

  private AtomicInteger running(String job) {
    return running.computeIfAbsent(
        job,
        name -> {
          AtomicInteger count = new AtomicInteger();
          Gauge.builder("scheduler.executions.running", count, AtomicInteger::get)
              .description("Executions running on this node now")
              .tag("job", name)
              .register(registry);
          return count;
        });
  }

  private AtomicLong lastSuccess(String job) {
    return lastSuccessMillis.computeIfAbsent(
        job,
        name -> {
          AtomicLong millis = new AtomicLong();
          Gauge.builder("scheduler.last.success.timestamp", millis, value -> value.get() / 1000.0)
              .description(
                  "When the job last succeeded: on this node, or anywhere as the history said"
                      + " when the node started; in epoch seconds")
              .tag("job", name)
              .baseUnit("seconds")
              .register(registry);
          return millis;
        });
  }
}
