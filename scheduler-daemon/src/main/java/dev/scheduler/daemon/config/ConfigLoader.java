package dev.scheduler.daemon.config;

import dev.scheduler.catalog.Concurrency;
import dev.scheduler.catalog.ExecutionPolicy;
import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobType;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.RetryPolicy;
import dev.scheduler.catalog.notify.EmailAddresses;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.notify.WebhookSender;
import dev.scheduler.catalog.quartz.JobDataKeys;
import dev.scheduler.catalog.schedule.CatchUp;
import dev.scheduler.catalog.schedule.Schedule;
import dev.scheduler.catalog.schedule.Schedules;
import dev.scheduler.catalog.schedule.Zones;
import dev.scheduler.catalog.text.Durations;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the YAML configuration into a {@link SchedulerConfig}, reporting every problem at once with
 * the file, line and key path, then applies the environment overrides.
 */
public final class ConfigLoader {

  public static final String DEFAULT_ZONE = "UTC";

  private final Environment environment;
  private final JobTypes types;

  public ConfigLoader(Environment environment, JobTypes types) {
    this.environment = environment;
    this.types = types;
  }

  /**
   * Loads and validates a configuration file.
   *
   * @throws ConfigException with every problem found
   */
  public SchedulerConfig load(Path file) {
    String source = file.toString();
    Node root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).compose(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          new ConfigProblem(
              source,
              0,
              "",
              "no such file; pass --config FILE (config/scheduler.yaml in the repository is a"
                  + " working example)"));
    } catch (IOException e) {
      throw new ConfigException(new ConfigProblem(source, 0, "", "cannot read: " + e));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new ConfigException(
          new ConfigProblem(source, line, "", "not valid YAML: " + e.getProblem()));
    } catch (YAMLException e) {
      throw new ConfigException(
          new ConfigProblem(source, 0, "", "not valid YAML: " + e.getMessage()));
    }

    ConfigReadContext context = new ConfigReadContext(source, environment);
    if (root != null && !(root instanceof MappingNode)) {
      context.problem(root, "", "expected a map of settings at the top level");
      throw new ConfigException(context.problems());
    }
    YamlSection top = new YamlSection(root, "", context);
    Optional<DatabaseConfig> database = top.section("database").flatMap(this::database);
    NodeConfig node = top.section("node").map(this::node).orElse(NodeConfig.defaults());
    HttpConfig http = top.section("http").map(ConfigLoader::http).orElse(HttpConfig.defaults());
    Optional<SmtpSettings> smtp = top.section("smtp").flatMap(ConfigLoader::smtp);
    boolean smtpDeclared = top.has("smtp");
    AlertsConfig alerts =
        top.section("alerts")
            .map(section -> alerts(section, smtpDeclared))
            .orElse(AlertsConfig.defaults());
    Map<String, DatasourceConfig> datasources =
        top.section("datasources").map(ConfigLoader::datasources).orElse(Map.of());
    // Job classes are checked against node.classpath, job parameters against this file's
    // datasources and mail server, e.g. a sql job's datasource or a report's recipients.
    JobTypes types =
        this.types
            .withClasses(node.classpath().classes())
            .with(JobResources.validating(datasources.keySet(), smtp));
    Map<String, JobConfig> jobs =
        top.section("jobs").map(section -> jobs(section, types)).orElse(Map.of());
    top.rejectUnknownKeys();

    database = EnvironmentOverrides.database(database, context);
    node = EnvironmentOverrides.node(node, context);
    http = EnvironmentOverrides.http(http, context);

    if (!context.problems().isEmpty()) {
      throw new ConfigException(context.problems());
    }
    return new SchedulerConfig(source, database, node, http, alerts, smtp, datasources, jobs);
  }

  private static Map<String, DatasourceConfig> datasources(YamlSection section) {
    return named(section, ConfigLoader::datasource);
  }

  /**
   * Each key of a section whose keys are names (jobs, datasources), parsed; a badly formed name is
   * reported as a problem of its key.
   */
  private static <T> Map<String, T> named(
      YamlSection section, BiFunction<String, YamlSection, Optional<T>> parse) {
    Map<String, T> parsed = new LinkedHashMap<>();
    for (String name : section.keys()) {
      try {
        JobConfig.checkName(name);
      } catch (IllegalArgumentException e) {
        section.keyProblem(name, e.getMessage());
        continue;
      }
      section
          .section(name)
          .flatMap(value -> parse.apply(name, value))
          .ifPresent(value -> parsed.put(name, value));
    }
    return parsed;
  }

  private static Optional<DatasourceConfig> datasource(String name, YamlSection section) {
    Optional<String> url = section.value("url", DatasourceConfig::checkUrl);
    Optional<String> user = section.text("user");
    Optional<Secret> password = section.text("password").map(Secret::new);
    int poolSize =
        section
            .value("poolSize", text -> DatasourceConfig.checkPoolSize(wholeNumber(text)))
            .orElse(DatasourceConfig.DEFAULT_POOL_SIZE);
    section.rejectUnknownKeys();
    if (!section.has("url")) {
      section.problem("url is required (jdbc:postgresql://HOST:5432/DATABASE)");
    }
    if (!section.has("user")) {
      section.problem("user is required: the database user the sql jobs connect as");
    }
    if (url.isEmpty() || user.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DatasourceConfig(name, url.get(), user.get(), password, poolSize));
  }

  private Optional<DatabaseConfig> database(YamlSection section) {
    Optional<String> url = section.value("url", DatabaseConfig::checkUrl);
    String user = section.text("user").orElse(DatabaseConfig.DEFAULT_USER);
    Optional<Secret> password = section.text("password").map(Secret::new);
    Optional<Integer> poolSize =
        section.value("poolSize", text -> DatabaseConfig.checkPoolSize(wholeNumber(text)));
    section.rejectUnknownKeys();
    if (!section.has("url")) {
      section.problem(
          "url is required (jdbc:postgresql://HOST:5432/DATABASE); remove the database section"
              + " to use the embedded store");
    }
    return url.map(value -> new DatabaseConfig(value, user, password, poolSize));
  }

  private NodeConfig node(YamlSection section) {
    Optional<String> id = section.value("id", NodeConfig::checkId);
    int threads =
        section
            .value("threads", text -> NodeConfig.checkThreads(wholeNumber(text)))
            .orElse(NodeConfig.DEFAULT_THREADS);
    var shutdownTimeout =
        section
            .value(
                "shutdownTimeout", text -> NodeConfig.checkShutdownTimeout(Durations.parse(text)))
            .orElse(NodeConfig.DEFAULT_SHUTDOWN_TIMEOUT);
    Duration checkinInterval =
        section
            .value(
                "checkinInterval",
                text -> ClusterTiming.checkCheckinInterval(Durations.parse(text)))
            .orElse(ClusterTiming.DEFAULT_CHECKIN_INTERVAL);
    Duration failureTimeout =
        section
            .value("failureTimeout", Durations::parse)
            .orElse(ClusterTiming.DEFAULT_FAILURE_TIMEOUT);
    Duration skewWarning =
        section
            .value("clockSkewWarning", Durations::parse)
            .orElse(ClusterTiming.DEFAULT_CLOCK_SKEW_WARNING);
    Duration skewLimit =
        section
            .value("clockSkewLimit", Durations::parse)
            .orElse(ClusterTiming.DEFAULT_CLOCK_SKEW_LIMIT);
    JobClasspath classpath = JobClasspath.read(section, "classpath");
    section.rejectUnknownKeys();
    String problem = ClusterTiming.problem(checkinInterval, failureTimeout, skewWarning, skewLimit);
    if (problem != null) {
      section.problem(problem);
      return NodeConfig.defaults();
    }
    return new NodeConfig(
        id,
        threads,
        shutdownTimeout,
        new ClusterTiming(checkinInterval, failureTimeout, skewWarning, skewLimit),
        classpath);
  }

  private static HttpConfig http(YamlSection section) {
    boolean enabled =
        section.value("enabled", ConfigLoader::bool).orElse(HttpConfig.DEFAULT_ENABLED);
    String address =
        section.value("address", HttpConfig::checkAddress).orElse(HttpConfig.DEFAULT_ADDRESS);
    int port =
        section
            .value("port", text -> HttpConfig.checkPort(wholeNumber(text)))
            .orElse(HttpConfig.DEFAULT_PORT);
    section.rejectUnknownKeys();
    return new HttpConfig(enabled, address, port);
  }

  private static Optional<SmtpSettings> smtp(YamlSection section) {
    Optional<String> host = section.value("host", ConfigLoader::hostName);
    int port =
        section
            .value("port", text -> SmtpSettings.checkPort(wholeNumber(text)))
            .orElse(SmtpSettings.DEFAULT_PORT);
    SmtpSettings.Security security =
        section
            .value("security", SmtpSettings.Security::parse)
            .orElse(SmtpSettings.DEFAULT_SECURITY);
    Optional<String> user = section.text("user");
    Optional<String> password = section.text("password");
    Optional<String> from = section.value("from", EmailAddresses::check);
    Duration timeout =
        section
            .value("timeout", text -> SmtpSettings.checkTimeout(Durations.parse(text)))
            .orElse(SmtpSettings.DEFAULT_TIMEOUT);
    section.rejectUnknownKeys();
    if (!section.has("host")) {
      section.problem("host is required: the SMTP server, such as smtp.example.com");
    }
    if (!section.has("from")) {
      section.problem("from is required: the sender address, such as scheduler@example.com");
    }
    if (password.isPresent() && user.isEmpty()) {
      section.problem("password", "a password needs a user: set smtp.user too");
    }
    if (host.isEmpty() || from.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SmtpSettings(host.get(), port, security, user, password, from.get(), timeout));
  }

  private static String hostName(String text) {
    String host = text.trim();
    if (host.isEmpty() || host.contains("/") || host.contains(":") || host.contains(" ")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a host name; write only the host, such as smtp.example.com (the"
              + " port goes in smtp.port)");
    }
    return host;
  }

  private static AlertsConfig alerts(YamlSection section, boolean smtpDeclared) {
    boolean enabled =
        section.value("enabled", ConfigLoader::bool).orElse(AlertsConfig.DEFAULT_ENABLED);
    List<String> emailTo =
        section
            .section("email")
            .map(
                email -> {
                  List<String> to = addresses(email, "to");
                  email.rejectUnknownKeys();
                  if (!email.has("to")) {
                    email.problem("to is required: the addresses alerts go to, [ops@example.com]");
                  } else if (!smtpDeclared) {
                    email.problem(
                        "email needs a mail server: add an smtp section (host, from, ...)");
                  }
                  return to;
                })
            .orElse(List.of());
    Optional<Secret> webhook =
        section
            .section("webhook")
            .flatMap(
                hook -> {
                  Optional<String> url = hook.value("url", WebhookSender::checkUrl);
                  hook.rejectUnknownKeys();
                  if (!hook.has("url")) {
                    hook.problem("url is required (the webhook's https:// address)");
                  }
                  return url.map(Secret::new);
                });
    Duration repeatAfter =
        section
            .value("repeatAfter", text -> AlertsConfig.checkRepeatAfter(Durations.parse(text)))
            .orElse(AlertsConfig.DEFAULT_REPEAT_AFTER);
    section.rejectUnknownKeys();
    return new AlertsConfig(enabled, webhook, emailTo, repeatAfter);
  }

  /** Email addresses: a list, or one text with commas between them. */
  private static List<String> addresses(YamlSection section, String key) {
    Optional<Object> value = section.plain(key);
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> texts =
        value.get() instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of(String.valueOf(value.get()).split(","));
    try {
      return EmailAddresses.checkAll(texts);
    } catch (IllegalArgumentException e) {
      section.problem(key, e.getMessage());
      return List.of();
    }
  }

  private Map<String, JobConfig> jobs(YamlSection section, JobTypes types) {
    Map<String, JobConfig> jobs = named(section, (name, job) -> job(name, job, types));
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
    RetryPolicy retry = section.section("retry").map(ConfigLoader::retry).orElse(RetryPolicy.NONE);
    Optional<Duration> timeout =
        section.value("timeout", text -> RetryPolicy.checkPositive(Durations.parse(text)));
    boolean recover =
        section.value("recover", ConfigLoader::bool).orElse(ExecutionPolicy.DEFAULT_RECOVER);
    return new ExecutionPolicy(concurrency, catchUp(section), retry, timeout, recover);
  }

  private static RetryPolicy retry(YamlSection section) {
    int maxAttempts =
        section
            .value("maxAttempts", text -> RetryPolicy.checkMaxAttempts(wholeNumber(text)))
            .orElse(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    Duration backoff =
        section
            .value("backoff", text -> RetryPolicy.checkPositive(Durations.parse(text)))
            .orElse(RetryPolicy.DEFAULT_BACKOFF);
    double multiplier =
        section
            .value("multiplier", text -> RetryPolicy.checkMultiplier(number(text)))
            .orElse(RetryPolicy.DEFAULT_MULTIPLIER);
    Duration maxBackoff =
        section
            .value("maxBackoff", text -> RetryPolicy.checkPositive(Durations.parse(text)))
            .orElse(RetryPolicy.DEFAULT_MAX_BACKOFF);
    section.rejectUnknownKeys();
    return new RetryPolicy(maxAttempts, backoff, multiplier, maxBackoff);
  }

  static double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number", e);
    }
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
            .value("catchUpLimit", text -> CatchUp.checkLimit(wholeNumber(text)))
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
    ZoneId effectiveZone = zone.orElse(ZoneId.of(DEFAULT_ZONE));
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

  static int wholeNumber(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
    }
  }

  static boolean bool(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
    };
  }

  static Concurrency concurrency(String text) {
    try {
      return Concurrency.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not forbid or allow", e);
    }
  }
}
