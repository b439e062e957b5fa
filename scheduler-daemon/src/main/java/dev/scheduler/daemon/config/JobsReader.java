package dev.scheduler.daemon.config;

import dev.scheduler.catalog.Concurrency;
import dev.scheduler.catalog.ExecutionPolicy;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.RetryPolicy;
import dev.scheduler.catalog.quartz.JobDataKeys;
import dev.scheduler.catalog.schedule.CatchUp;
import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.catalog.schedule.Schedules;
import dev.scheduler.catalog.schedule.Zones;
import dev.scheduler.catalog.text.Durations;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code jobs} section: each job's type or class, schedule, execution policy, parameters
 * (checked by its type as this environment would resolve them), data and alert settings.
 */
final class JobsReader {

  private final Environment environment;

  JobsReader(Environment environment) {
    this.environment = environment;
  }

  Map<String, JobConfig> jobs(YamlSection section, JobTypes types) {
    Map<String, JobConfig> jobs = ConfigLoader.named(section, (name, job) -> job(name, job, types));
    JobConfig taken = jobs.get(BuiltInJobs.HISTORY_RETENTION);
    if (taken != null && !taken.type().equals(BuiltInJobs.HISTORY_RETENTION)) {
      section.keyProblem(
          taken.name(),
          "the name "
              + BuiltInJobs.HISTORY_RETENTION
              + " is kept for the built-in history purge; rename this job, or give it type: "
              + BuiltInJobs.HISTORY_RETENTION);
    }
    return jobs;
  }

  private Optional<JobConfig> job(String name, YamlSection section, JobTypes types) {
    int before = section.problemCount();
    Optional<JobType> type = TypeOrClass.read(section, types);
    String group = section.value("group", JobConfig::checkName).orElse(JobConfig.DEFAULT_GROUP);
    boolean enabled = section.value("enabled", ConfigLoader::bool).orElse(true);
    Optional<Schedule> schedule = section.section("schedule").flatMap(this::schedule);
    ExecutionPolicy policy = policy(section);
    Map<String, Object> params = plainMap(section, "params", false);
    Map<String, String> data = textMap(section, "data");
    boolean alerts = section.value("alerts", ConfigLoader::bool).orElse(true);
    boolean critical = section.value("critical", ConfigLoader::bool).orElse(false);
    Optional<Duration> expectSuccessEvery =
        section.value(
            "expectSuccessEvery", text -> JobAlerts.checkExpectSuccessEvery(Durations.parse(text)));
    section.rejectUnknownKeys();

    type.ifPresent(
        found -> {
          // Parameters keep their ${VAR} references until run time; here they are checked as
          // this environment would resolve them.
          Map<String, Object> resolved = resolvedParams(section, params);
          if (resolved == null) {
            return;
          }
          for (String problem : found.params().validate(resolved)) {
            section.problem("params", "params." + problem);
          }
        });
    if (type.isEmpty() || before != section.problemCount()) {
      return Optional.empty();
    }
    return Optional.of(
        new JobConfig(
            name,
            group,
            type.get().name(),
            enabled,
            schedule,
            policy,
            params,
            data,
            new JobAlerts(alerts, critical, expectSuccessEvery)));
  }

  private static ExecutionPolicy policy(YamlSection section) {
    Concurrency concurrency =
        section
            .value("concurrency", ConfigLoader::concurrency)
            .orElse(ExecutionPolicy.DEFAULT_CONCURRENCY);
    RetryPolicy retry = section.section("retry").map(JobsReader::retry).orElse(RetryPolicy.NONE);
    Optional<Duration> timeout =
        section.value("timeout", text -> RetryPolicy.checkPositive(Durations.parse(text)));
    boolean recover =
        section.value("recover", ConfigLoader::bool).orElse(ExecutionPolicy.DEFAULT_RECOVER);
    return new ExecutionPolicy(concurrency, catchUp(section), retry, timeout, recover);
  }

  private static RetryPolicy retry(YamlSection section) {
    int maxAttempts =
        section
            .value(
                "maxAttempts", text -> RetryPolicy.checkMaxAttempts(ConfigLoader.wholeNumber(text)))
            .orElse(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    Duration backoff =
        section
            .value("backoff", text -> RetryPolicy.checkPositive(Durations.parse(text)))
            .orElse(RetryPolicy.DEFAULT_BACKOFF);
    double multiplier =
        section
            .value("multiplier", text -> RetryPolicy.checkMultiplier(ConfigLoader.number(text)))
            .orElse(RetryPolicy.DEFAULT_MULTIPLIER);
    Duration maxBackoff =
        section
            .value("maxBackoff", text -> RetryPolicy.checkPositive(Durations.parse(text)))
            .orElse(RetryPolicy.DEFAULT_MAX_BACKOFF);
    section.rejectUnknownKeys();
    return new RetryPolicy(maxAttempts, backoff, multiplier, maxBackoff);
  }

  private static CatchUp catchUp(YamlSection section) {
    CatchUp.Policy policy =
        section.value("catchUp", CatchUp.Policy::parse).orElse(CatchUp.DEFAULT.policy());
    Duration window =
        section
            .value("catchUpWindow", text -> CatchUp.checkWindow(Durations.parse(text)))
            .orElse(CatchUp.DEFAULT_WINDOW);
    int limit =
        section
            .value("catchUpLimit", text -> CatchUp.checkLimit(ConfigLoader.wholeNumber(text)))
            .orElse(CatchUp.DEFAULT_LIMIT);
    return new CatchUp(policy, window, limit);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> resolvedParams(YamlSection section, Map<String, Object> params) {
    try {
      return (Map<String, Object>) environment.placeholders().resolveAll(params);
    } catch (IllegalArgumentException e) {
      section.problem("params", "params: " + e.getMessage());
      return null;
    }
  }

  private Optional<Schedule> schedule(YamlSection section) {
    Optional<ZoneId> zone = section.value("timezone", Zones::parse);
    List<String> kinds = Schedules.KINDS.stream().filter(section::has).toList();
    ZoneId effectiveZone = zone.orElse(ZoneId.of(ConfigLoader.DEFAULT_ZONE));
    Optional<Schedule> schedule =
        kinds.size() == 1
            ? section.value(
                kinds.get(0), text -> Schedules.parse(kinds.get(0), text, effectiveZone))
            : Optional.empty();
    section.rejectUnknownKeys();
    if (kinds.size() != 1) {
      section.problem(
          "a schedule needs exactly one of cron, daily, weekdays or weekly (e.g. daily: \"08:00\","
              + " weekly: \"MON@09:00\", cron: \"0 0/5 * * * ?\")"
              + (kinds.isEmpty() ? "" : "; found " + String.join(" and ", kinds)));
      return Optional.empty();
    }
    if (section.has("timezone") && zone.isEmpty()) {
      return Optional.empty();
    }
    return schedule;
  }

  private static Map<String, Object> plainMap(YamlSection section, String key, boolean resolve) {
    Optional<Object> value = resolve ? section.plain(key) : section.raw(key);
    if (value.isEmpty()) {
      return Map.of();
    }
    if (!(value.get() instanceof Map<?, ?> map)) {
      section.problem(key, "expected a map of settings, not " + value.get());
      return Map.of();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((name, item) -> result.put(String.valueOf(name), item));
    return result;
  }

  private static Map<String, String> textMap(YamlSection section, String key) {
    Map<String, String> result = new LinkedHashMap<>();
    plainMap(section, key, true)
        .forEach(
            (name, value) -> {
              if (name.startsWith(JobDataKeys.PREFIX)) {
                section.problem(
                    key,
                    key
                        + "."
                        + name
                        + ": names starting with '"
                        + JobDataKeys.PREFIX
                        + "' are reserved for the scheduler");
              } else if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
                section.problem(key, key + "." + name + ": expected a text value");
              } else {
                result.put(name, String.valueOf(value));
              }
            });
    return result;
  }
}
