package dev.scheduler.daemon.config;

import dev.scheduler.catalog.ExecutionPolicy;
import dev.scheduler.catalog.jobs.HistoryRetentionJobType;
import dev.scheduler.catalog.schedule.Schedules;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs every node schedules without being told: the daily purge of old execution history, so the
 * table does not grow forever. Declaring a job of that type replaces the built-in one ({@code
 * enabled: false} on it turns the purge off).
 */
final class BuiltInJobs {

  static final String HISTORY_RETENTION = HistoryRetentionJobType.NAME;
  static final String HISTORY_RETENTION_TIME = "03:17";

  private BuiltInJobs() {}

  /** The declared jobs plus the built-in ones they do not replace, in that order. */
  static Map<String, JobConfig> addTo(Map<String, JobConfig> declared) {
    Map<String, JobConfig> all = new LinkedHashMap<>(declared);
    boolean retentionDeclared =
        declared.values().stream().anyMatch(job -> job.type().equals(HISTORY_RETENTION));
    if (!retentionDeclared && !declared.containsKey(HISTORY_RETENTION)) {
      all.put(HISTORY_RETENTION, historyRetention());
    }
    return all;
  }

  private static JobConfig historyRetention() {
    return new JobConfig(
        HISTORY_RETENTION,
        JobConfig.DEFAULT_GROUP,
        HISTORY_RETENTION,
        true,
        Optional.of(Schedules.parse("daily", HISTORY_RETENTION_TIME, ZoneId.of("UTC"))),
        ExecutionPolicy.DEFAULT,
        Map.of(),
        Map.of());
  }
}
