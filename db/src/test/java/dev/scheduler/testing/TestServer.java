package dev.scheduler.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the integration tests use, found once per JVM, in this order: {@code
 * SCHEDULER_TEST_DB_URL} (with {@code SCHEDULER_TEST_DB_USER} and {@code
 * SCHEDULER_TEST_DB_PASSWORD}), then {@value #LOCAL_URL} as user {@code postgres}, then a
 * Testcontainers PostgreSQL when Docker is available. With none of them the tests fail, saying what
 * was tried.
 */
final class TestServer {

  static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private static TestServer instance;

  private final String adminUrl;
  private final String user;
  private final String password;

  private TestServer(String adminUrl, String user, String password) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
  }

  static synchronized TestServer get() {
    if (instance == null) {
      instance = find();
    }
    return instance;
  }

  String adminUrl() {
    return adminUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** The URL of another database on the same server. */
  String urlFor(String database) {
    URI uri = URI.create(adminUrl.substring("jdbc:".length()));
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database + query;
  }

  Connection connect(String url) throws SQLException {
    return TestDatabase.open(url, user, password);
  }

  private static TestServer find() {
    List<String> tried = new ArrayList<>();
    String configuredUrl = System.getenv("SCHEDULER_TEST_DB_URL");
    if (configuredUrl != null && !configuredUrl.isBlank()) {
      String user = envOr("SCHEDULER_TEST_DB_USER", "postgres");
      String password = System.getenv("SCHEDULER_TEST_DB_PASSWORD");
      String problem = probe(configuredUrl, user, password);
      if (problem == null) {
        return new TestServer(configuredUrl, user, password);
      }
      // An explicit choice that does not work is an error, not a reason to look elsewhere.
      throw new IllegalStateException(
          "SCHEDULER_TEST_DB_URL="
              + configuredUrl
              + " is not reachable as "
              + user
              + ": "
              + problem);
    }
    tried.add("SCHEDULER_TEST_DB_URL (unset)");

    String problem = probe(LOCAL_URL, "postgres", null);
    if (problem == null) {
      return new TestServer(LOCAL_URL, "postgres", null);
    }
    tried.add(LOCAL_URL + " as postgres (" + problem + ")");

    String docker = dockerProblem();
    if (docker == null) {
      return fromContainer();
    }
    tried.add("Testcontainers (" + docker + ")");

    throw new IllegalStateException(
        "No PostgreSQL for the integration tests. Tried: "
            + String.join("; ", tried)
            + ". Start the local server (as root: pg_ctlcluster --skip-systemctl-redirect"
            + " $(ls /etc/postgresql) main start), or set SCHEDULER_TEST_DB_URL"
            + " (and SCHEDULER_TEST_DB_USER, SCHEDULER_TEST_DB_PASSWORD) to a database whose user"
            + " may create databases.");
  }

  private static TestServer fromContainer() {
    PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
    return new TestServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
  }

  private static String probe(String url, String user, String password) {
    try (Connection connection = TestDatabase.open(url, user, password)) {
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  private static String dockerProblem() {
    try {
      return DockerClientFactory.instance().isDockerAvailable() ? null : "Docker is not available";
    } catch (RuntimeException | LinkageError e) {
      return "Docker is not available: " + e.getMessage();
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
