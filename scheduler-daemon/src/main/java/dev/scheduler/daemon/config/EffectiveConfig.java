package dev.scheduler.daemon.config;

import dev.scheduler.catalog.ExecutionPolicy;
import dev.scheduler.catalog.jobs.ClassJobType;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.catalog.text.Durations;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration as the node will use it: defaults filled in, environment applied, secrets
 * masked. Printed by {@code check-config} and logged once when a node starts.
 */
public final class EffectiveConfig {

  /** Values under keys that look like these are masked wherever they appear. */
  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(password|secret|token|authorization|api[-_]?key|credential|webhook).*");

  private EffectiveConfig() {}

  /**
   * @param embeddedStore where the embedded store is, shown when no database is configured
   */
  public static String render(SchedulerConfig config, String embeddedStore) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(
        "database",
        config
            .database()
            .<Object>map(EffectiveConfig::database)
            .orElse("embedded single-node store at " + embeddedStore));
    root.put("node", node(config.node()));
    root.put("http", http(config.http()));
    root.put("alerts", alerts(config.alerts()));
    config.smtp().ifPresent(smtp -> root.put("smtp", smtp(smtp)));
    if (!config.datasources().isEmpty()) {
      Map<String, Object> datasources = new LinkedHashMap<>();
      config.datasources().forEach((name, source) -> datasources.put(name, datasource(source)));
      root.put("datasources", datasources);
    }
    Map<String, Object> jobs = new LinkedHashMap<>();
    config.scheduledJobs().forEach((name, job) -> jobs.put(name, job(job)));
    root.put("jobs", jobs);

    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setSplitLines(false);
    return new Yaml(options).dump(root);
  }

  private static Map<String, Object> database(DatabaseConfig database) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("url", database.url());
    values.put("user", database.user());
    values.put("password", database.password().isPresent() ? Secret.MASK : "(none)");
    values.put(
        "poolSize",
        database.poolSize().<Object>map(size -> size).orElse("threads + 5 (the default)"));
    return values;
  }

  private static Map<String, Object> datasource(DatasourceConfig datasource) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("url", datasource.url());
    values.put("user", datasource.user());
    values.put("password", datasource.password().isPresent() ? Secret.MASK : "(none)");
    values.put("poolSize", datasource.poolSize());
    return values;
  }

  private static Map<String, Object> node(NodeConfig node) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", node.id().orElse("(generated at start: host-pid)"));
    values.put("threads", node.threads());
    values.put("shutdownTimeout", Durations.format(node.shutdownTimeout()));
    values.put("checkinInterval", Durations.format(node.cluster().checkinInterval()));
    values.put("failureTimeout", Durations.format(node.cluster().failureTimeout()));
    values.put("clockSkewWarning", Durations.format(node.cluster().clockSkewWarning()));
    values.put("clockSkewLimit", Durations.format(node.cluster().clockSkewLimit()));
    values.put(
        "classpath",
        node.classpath().entries().isEmpty()
            ? "(none: job classes from the scheduler's own classpath only)"
            : node.classpath().entries().stream().map(Path::toString).toList());
    return values;
  }

  private static Map<String, Object> http(HttpConfig http) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("enabled", http.enabled());
    values.put("address", http.address());
    values.put("port", http.port() == 0 ? "0 (any free port, logged at start)" : http.port());
    return values;
  }

  private static Map<String, Object> alerts(AlertsConfig alerts) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("enabled", alerts.enabled());
    values.put(
        "webhook",
        alerts.webhook().<Object>map(url -> Map.of("url", Secret.MASK)).orElse("(none)"));
    values.put(
        "email",
        alerts.emailTo().isEmpty() ? "(none)" : Map.of("to", String.join(", ", alerts.emailTo())));
    values.put("repeatAfter", Durations.format(alerts.repeatAfter()));
    return values;
  }

  private static Map<String, Object> smtp(SmtpSettings smtp) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("host", smtp.host());
    values.put("port", smtp.port());
    values.put("security", smtp.security().word());
    values.put("user", smtp.user().orElse("(none)"));
    values.put("password", smtp.password().isPresent() ? Secret.MASK : "(none)");
    values.put("from", smtp.from());
    values.put("timeout", Durations.format(smtp.timeout()));
    return values;
  }

  private static Map<String, Object> job(JobConfig job) {
    Map<String, Object> values = new LinkedHashMap<>();
    // A job class is shown as it is declared, class: com.example.MyJob.
    ClassJobType.className(job.type())
        .ifPresentOrElse(name -> values.put("class", name), () -> values.put("type", job.type()));
    values.put("group", job.group());
    values.put("enabled", job.enabled());
    values.put("schedule", job.schedule().<Object>map(EffectiveConfig::schedule).orElse("(none)"));
    ExecutionPolicy policy = job.policy();
    values.put("concurrency", policy.concurrency().name().toLowerCase(Locale.ROOT));
    values.put("catchUp", policy.catchUp().policy().word());
    values.put("catchUpWindow", Durations.format(policy.catchUp().window()));
    values.put("catchUpLimit", policy.catchUp().limit());
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("maxAttempts", policy.retry().maxAttempts());
    retry.put("backoff", Durations.format(policy.retry().backoff()));
    retry.put("multiplier", policy.retry().multiplier());
    retry.put("maxBackoff", Durations.format(policy.retry().maxBackoff()));
    values.put("retry", retry);
    values.put("timeout", policy.timeout().map(Durations::format).orElse("(none)"));
    values.put("recover", policy.recover());
    values.put("alerts", job.alerts().enabled());
    values.put("critical", job.alerts().critical());
    values.put(
        "expectSuccessEvery",
        job.alerts().expectSuccessEvery().map(Durations::format).orElse("(none)"));
    // Parameters as written: ${VAR} references stay, so no secret is printed.
    values.put("params", mask(job.params()));
    values.put("data", mask(new LinkedHashMap<>(job.data())));
    return values;
  }

  private static Map<String, Object> schedule(Schedule schedule) {
    Map<String, Object> values = new LinkedHashMap<>();
    String spec = schedule.spec();
    int space = spec.indexOf(' ');
    values.put(spec.substring(0, space), spec.substring(space + 1));
    values.put("timezone", schedule.zone().getId());
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mask(Map<String, ?> values) {
    Map<String, Object> masked = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (value != null && SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
            masked.put(key, Secret.MASK);
          } else if (value instanceof Map<?, ?> map) {
            masked.put(key, mask((Map<String, ?>) map));
          } else {
            masked.put(key, value);
          }
        });
    return masked;
  }
}
