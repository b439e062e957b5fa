package dev.scheduler.daemon.config;

import java.util.Optional;

/**
 * The environment variables that override the file, so one file can serve every node and secrets
 * can stay out of it: {@value #DB_URL}, {@value #DB_USER}, {@value #DB_PASSWORD}, {@value
 * #NODE_ID}, {@value #HTTP_PORT}.
 */
final class EnvironmentOverrides {

  static final String DB_URL = "SCHEDULER_DB_URL";
  static final String DB_USER = "SCHEDULER_DB_USER";
  static final String DB_PASSWORD = "SCHEDULER_DB_PASSWORD";
  static final String NODE_ID = "SCHEDULER_NODE_ID";
  static final String HTTP_PORT = "SCHEDULER_HTTP_PORT";

  private EnvironmentOverrides() {}

  static Optional<DatabaseConfig> database(
      Optional<DatabaseConfig> fromFile, ConfigReadContext context) {
    Environment environment = context.environment();
    Optional<String> url = environment.get(DB_URL);
    Optional<String> user = environment.get(DB_USER);
    Optional<String> password = environment.get(DB_PASSWORD);
    if (url.isEmpty() && user.isEmpty() && password.isEmpty()) {
      return fromFile;
    }
    Optional<String> effectiveUrl = url.or(() -> fromFile.map(DatabaseConfig::url));
    if (effectiveUrl.isEmpty()) {
      String variable = user.isPresent() ? DB_USER : DB_PASSWORD;
      context.environmentProblem(
          variable,
          "is set but no database URL is configured; set "
              + DB_URL
              + " or database.url as well, or unset it to use the embedded store");
      return fromFile;
    }
    try {
      DatabaseConfig.checkUrl(effectiveUrl.get());
    } catch (IllegalArgumentException e) {
      context.environmentProblem(DB_URL, e.getMessage());
      return fromFile;
    }
    return Optional.of(
        new DatabaseConfig(
            effectiveUrl.get(),
            user.or(() -> fromFile.map(DatabaseConfig::user)).orElse(DatabaseConfig.DEFAULT_USER),
            password.map(Secret::new).or(() -> fromFile.flatMap(DatabaseConfig::password)),
            fromFile.flatMap(DatabaseConfig::poolSize)));
  }

  static NodeConfig node(NodeConfig fromFile, ConfigReadContext context) {
    Optional<String> id = context.environment().get(NODE_ID);
    if (id.isEmpty()) {
      return fromFile;
    }
    try {
      NodeConfig.checkId(id.get());
    } catch (IllegalArgumentException e) {
      context.environmentProblem(NODE_ID, e.getMessage());
      return fromFile;
    }
    return fromFile.withId(id.get());
  }

  static HttpConfig http(HttpConfig fromFile, ConfigReadContext context) {
    Optional<String> port = context.environment().get(HTTP_PORT);
    if (port.isEmpty()) {
      return fromFile;
    }
    try {
      return fromFile.withPort(HttpConfig.checkPort(ConfigLoader.wholeNumber(port.get())));
    } catch (IllegalArgumentException e) {
      context.environmentProblem(HTTP_PORT, e.getMessage());
      return fromFile;
    }
  }
}
