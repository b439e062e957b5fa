package dev.scheduler.daemon.config;

import dev.scheduler.catalog.notify.SmtpSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration of a node, loaded once, validated and immutable.
 *
 * @param source where it was read from, for messages
 * @param database the scheduler's PostgreSQL database; empty for the embedded single-node store
 * @param node how this node runs
 * @param http the node's metrics and health endpoints
 * @param alerts where alerts go and how often
 * @param smtp the mail server that reports and alerts send email through; empty for no email
 * @param datasources the databases {@code sql} jobs work on, by name
 * @param jobs the declared jobs by name, in file order
 */
public record SchedulerConfig(
    String source,
    Optional<DatabaseConfig> database,
    NodeConfig node,
    HttpConfig http,
    AlertsConfig alerts,
    Optional<SmtpSettings> smtp,
    Map<String, DatasourceConfig> datasources,
    Map<String, JobConfig> jobs) {

  public SchedulerConfig {
    datasources = Collections.unmodifiableMap(new LinkedHashMap<>(datasources));
    jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
  }

  /** The declared jobs plus the built-in ones they do not replace: what a node schedules. */
  public Map<String, JobConfig> scheduledJobs() {
    return Collections.unmodifiableMap(BuiltInJobs.addTo(jobs));
  }

  public boolean embedded() {
    return database.isEmpty();
  }
}
