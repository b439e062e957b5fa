package dev.scheduler.daemon.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.scheduler.daemon.config.DatabaseConfig;
import dev.scheduler.daemon.config.SchedulerConfig;
import dev.scheduler.daemon.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The process's one connection pool to the scheduler's database, shared by Quartz, Flyway and the
 * history: PostgreSQL when configured, else the embedded single-node store.
 */
public final class SchedulerDatabase implements AutoCloseable {

  /** Where the embedded store keeps its files, relative to the working directory. */
  public static final Path EMBEDDED_DIRECTORY = Path.of("data");

  static final long CONNECT_TIMEOUT_MILLIS = 10_000;

  private final HikariDataSource pool;
  private final boolean embedded;
  private final String description;

  private SchedulerDatabase(HikariDataSource pool, boolean embedded, String description) {
    this.pool = pool;
    this.embedded = embedded;
    this.description = description;
  }

  /** Opens the configured store: PostgreSQL when {@code database.url} is set, else embedded. */
  public static SchedulerDatabase open(SchedulerConfig config, int poolSize, String poolName) {
    return config
        .database()
        .map(database -> postgres(database, poolSize, poolName))
        .orElseGet(() -> embedded(poolSize, poolName));
  }

  /**
   * Opens the pool and checks that the database answers.
   *
   * @param poolName names the pool's threads and, on PostgreSQL, the connections' application name
   * @throws DatabaseUnavailableException when the database cannot be reached or refuses us
   */
  public static SchedulerDatabase postgres(DatabaseConfig database, int poolSize, String poolName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.url());
    config.setUsername(database.user());
    database.password().map(Secret::reveal).ifPresent(config::setPassword);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setPoolName(poolName);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    config.addDataSourceProperty("ApplicationName", poolName);
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS / 1000));
    return open(
        config,
        false,
        "PostgreSQL at " + DatabaseFailures.hostAndPort(database.url()),
        database.url(),
        database.user());
  }

  /** Opens (creating if needed) the embedded store under {@link #EMBEDDED_DIRECTORY}. */
  public static SchedulerDatabase embedded(int poolSize, String poolName) {
    Path directory = EMBEDDED_DIRECTORY.toAbsolutePath().normalize();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the embedded store's directory " + directory, e);
    }
    // AUTO_SERVER lets the operator commands open the store while a node holds it.
    String url =
        "jdbc:h2:file:"
            + directory.resolve("scheduler")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("sa");
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setPoolName(poolName);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    return open(config, true, "embedded store at " + directory, url, "sa");
  }

  private static SchedulerDatabase open(
      HikariConfig config, boolean embedded, String description, String url, String user) {
    try {
      return new SchedulerDatabase(new HikariDataSource(config), embedded, description);
    } catch (HikariPool.PoolInitializationException e) {
      throw DatabaseFailures.unavailable(url, user, e);
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  public boolean embedded() {
    return embedded;
  }

  /** "PostgreSQL at db1:5432" or "embedded store at /srv/scheduler/data", for logs. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
  }
}
