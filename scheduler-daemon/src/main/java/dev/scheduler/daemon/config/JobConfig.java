package dev.scheduler.daemon.config;

import dev.scheduler.catalog.ExecutionPolicy;
import dev.scheduler.catalog.schedule.Schedule;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One job declared in the configuration.
 *
 * @param name the job's name, used by every command
 * @param group a label for operating on several jobs at once ({@code jobs pause --group G})
 * @param type the job type's name, or {@code class:com.example.MyJob} for a job class
 * @param enabled false keeps the job declared but never fired
 * @param schedule when it fires; empty for a job that runs only when triggered
 * @param policy how its runs are carried out: concurrency, catch-up, retry, timeout, recovery
 * @param params the type's parameters, validated by the type, with {@code ${VAR}} references kept
 *     until run time
 * @param data job data handed to every execution
 * @param alerts whether its alerts are sent, and to which sinks
 */
public record JobConfig(
    String name,
    String group,
    String type,
    boolean enabled,
    Optional<Schedule> schedule,
    ExecutionPolicy policy,
    Map<String, Object> params,
    Map<String, String> data,
    JobAlerts alerts) {

  public static final String DEFAULT_GROUP = "default";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public JobConfig {
    checkName(name);
    checkName(group);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(policy, "policy");
    params = Map.copyOf(params);
    data = Map.copyOf(data);
    Objects.requireNonNull(alerts, "alerts");
  }

  /** A job with the default alerts: to the log, not to the webhook. */
  public JobConfig(
      String name,
      String group,
      String type,
      boolean enabled,
      Optional<Schedule> schedule,
      ExecutionPolicy policy,
      Map<String, Object> params,
      Map<String, String> data) {
    this(name, group, type, enabled, schedule, policy, params, data, JobAlerts.DEFAULT);
  }

  /** Job and group names: what fits in Quartz's keys, run keys and command lines. */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a valid name; use 1 to 100 letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit");
    }
    return name;
  }
}
