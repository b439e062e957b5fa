package dev.scheduler.daemon.ops.alerts;

import dev.scheduler.daemon.history.HistoryRepository;
import dev.scheduler.daemon.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts on jobs that have not succeeded for longer than their {@code expectSuccessEvery}, wherever
 * they ran: a job that stopped firing at all (a wrong schedule, a trigger lost, a pause forgotten
 * on one job among many) never fails, so only its silence tells. One node looks, the cluster's
 * leader, so that a cluster sends one alert, not one per node.
 *
 * <p>A job's silence counts from its last success, but never from before the cluster came up: after
 * downtime a job gets its full period (and its catch-up) before it alerts. Paused jobs are not
 * watched: a pause is an operator's decision, not a failure.
 */
public final class SuccessWatch {

  private static final Logger log = LoggerFactory.getLogger(SuccessWatch.class);

  /** How often the leader looks; a silence is alerted at most this late. */
  public static final Duration EVERY = Duration.ofMinutes(1);

  private static final String PAUSED = "select job_name from job_pause";

  private final DataSource database;
  private final HistoryRepository history;
  private final Map<String, Duration> expected;
  private final Alerts alerts;
  private final BooleanSupplier leads;
  private final Supplier<Instant> upSince;
  private final Duration repeatAfter;
  private final Clock clock;
  private final Map<String, Silence> silent = new HashMap<>();

  /**
   * @param expected the watched jobs with their {@code expectSuccessEvery}
   * @param leads whether this node is the one that looks now
   * @param upSince since when the cluster has been up without a break
   * @param repeatAfter how often a silence that goes on is alerted again
   */
  public SuccessWatch(
      DataSource database,
      Map<String, Duration> expected,
      Alerts alerts,
      BooleanSupplier leads,
      Supplier<Instant> upSince,
      Duration repeatAfter,
      Clock clock) {
    this.database = database;
    this.history = new HistoryRepository(database);
    this.expected = Map.copyOf(expected);
    this.alerts = alerts;
    this.leads = leads;
    this.upSince = upSince;
    this.repeatAfter = repeatAfter;
    this.clock = clock;
  }

  /** One look; never throws (a failed look is logged and tried again at the next). */
  public void check() {
    if (expected.isEmpty() || !leads.getAsBoolean()) {
      return;
    }
    try {
      Set<String> paused = new HashSet<>();
      try (Connection conn = database.getConnection()) {
        Jdbc.query(conn, PAUSED, select -> {}, row -> paused.add(row.getString("job_name")));
      }
      Map<String, Instant> lastSuccess = history.lastSuccesses(expected.keySet());
      Instant now = clock.instant();
      Instant watchedSince = upSince.get();
      expected.forEach(
          (job, every) -> {
            if (paused.contains(job)) {
              return;
            }
            Optional<Instant> success = Optional.ofNullable(lastSuccess.get(job));
            Silence silence = silent.get(job);
            if (silence != null && success.isPresent() && success.get().isAfter(silence.first())) {
              silent.remove(job);
              alerts.succeeded(job, success.get());
              return;
            }
            Instant since = success.filter(at -> at.isAfter(watchedSince)).orElse(watchedSince);
            boolean due = silence == null || !now.isBefore(silence.last().plus(repeatAfter));
            if (Duration.between(since, now).compareTo(every) > 0 && due) {
              silent.put(job, new Silence(silence == null ? now : silence.first(), now));
              alerts.noSuccess(job, since, every);
            }
          });
    } catch (SQLException | RuntimeException e) {
      log.warn(
          "could not look for jobs without a recent success ({}); trying again in {} s",
          e.getMessage(),
          EVERY.toSeconds());
    }
  }

  /** A job's silence this node alerted on: first and latest alert. */
  private record Silence(Instant first, Instant last) {}
}
