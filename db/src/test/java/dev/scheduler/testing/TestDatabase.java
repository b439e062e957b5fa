package dev.scheduler.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database of its own for one test class, created before its tests and dropped after;
 * or, made with {@link #perTest()}, a fresh one for each test, for tests that leave state behind
 * (nodes killed mid-run).
 *
 * <p>Register it as {@code @RegisterExtension static final TestDatabase db = new TestDatabase();}.
 * The server is found once per JVM by {@link TestServer}; when none is reachable every test fails
 * with a message that says how to provide one: integration tests never skip.
 */
public final class TestDatabase
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final boolean perTest;
  private String name;

  public TestDatabase() {
    this(false);
  }

  private TestDatabase(boolean perTest) {
    this.perTest = perTest;
  }

  /** A fresh database for each test of the class. */
  public static TestDatabase perTest() {
    return new TestDatabase(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    if (!perTest) {
      create(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (!perTest) {
      drop();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws SQLException {
    if (perTest) {
      create(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    if (perTest) {
      drop();
    }
  }

  private void create(ExtensionContext context) throws SQLException {
    TestServer server = TestServer.get();
    name = databaseName(context.getRequiredTestClass());
    try (Connection admin = server.connect(server.adminUrl());
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + name);
    }
  }

  private void drop() throws SQLException {
    if (name == null) {
      return;
    }
    TestServer server = TestServer.get();
    try (Connection admin = server.connect(server.adminUrl());
        Statement statement = admin.createStatement()) {
      // FORCE: node processes a test started may still hold connections.
      statement.execute("drop database if exists " + name + " with (force)");
    }
    name = null;
  }

  /** The JDBC URL of this class's database. */
  public String jdbcUrl() {
    return TestServer.get().urlFor(requireName());
  }

  public String user() {
    return TestServer.get().user();
  }

  public String password() {
    return TestServer.get().password();
  }

  /** The database's name, for tests that need to talk about it (SQL, process environment). */
  public String name() {
    return requireName();
  }

  /** A plain, unpooled data source on this class's database. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl());
    dataSource.setUser(user());
    if (password() != null) {
      dataSource.setPassword(password());
    }
    return dataSource;
  }

  /** A new connection to this class's database; the caller closes it. */
  public Connection connect() throws SQLException {
    return TestServer.get().connect(jdbcUrl());
  }

  private String requireName() {
    if (name == null) {
      throw new IllegalStateException(
          "TestDatabase is used before beforeAll: register it with @RegisterExtension on a static"
              + " field");
    }
    return name;
  }

  private static String databaseName(Class<?> testClass) {
    String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String name = "sched_test_" + base;
    return (name.length() > 50 ? name.substring(0, 50) : name) + "_" + suffix;
  }

  static Connection open(String url, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url, properties);
  }
}
