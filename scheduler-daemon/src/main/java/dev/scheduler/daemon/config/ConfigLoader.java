package dev.scheduler.daemon.config;

import dev.scheduler.catalog.Concurrency;
import dev.scheduler.catalog.JobResources;
import dev.scheduler.catalog.JobTypes;
import dev.scheduler.catalog.notify.SmtpSettings;
import dev.scheduler.catalog.text.Durations;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
    Optional<SmtpSettings> smtp = top.section("smtp").flatMap(NotificationsReader::smtp);
    boolean smtpDeclared = top.has("smtp");
    AlertsConfig alerts =
        top.section("alerts")
            .map(section -> NotificationsReader.alerts(section, smtpDeclared))
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
        top.section("jobs")
            .map(section -> new JobsReader(environment).jobs(section, types))
            .orElse(Map.of());
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
  static <T> Map<String, T> named(
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

  static double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number", e);
    }
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
