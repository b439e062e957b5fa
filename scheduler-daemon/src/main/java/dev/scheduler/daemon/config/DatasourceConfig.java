package dev.scheduler.daemon.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A database that {@code sql} jobs work on, declared by name under {@code datasources:}; never the
 * scheduler's own database. Each node opens a small pool to it when a job first uses it.
 *
 * @param name the name jobs use in {@code params.datasource}
 * @param url a {@code jdbc:postgresql://host:port/database} URL
 * @param user the database user
 * @param password the user's password, if the server asks for one
 * @param poolSize connections in each node's pool for it
 */
public record DatasourceConfig(
    String name, String url, String user, Optional<Secret> password, int poolSize) {

  public static final int DEFAULT_POOL_SIZE = 2;
  static final int MAX_POOL_SIZE = 50;

  public DatasourceConfig {
    JobConfig.checkName(name);
    checkUrl(url);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    checkPoolSize(poolSize);
  }

  static String checkUrl(String url) {
    if (url == null || !url.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "'" + url + "' is not a PostgreSQL JDBC URL; write jdbc:postgresql://HOST:5432/DATABASE");
    }
    return url;
  }

  static int checkPoolSize(int size) {
    if (size < 1 || size > MAX_POOL_SIZE) {
      throw new IllegalArgumentException(
          size + " is out of range; use a whole number from 1 to " + MAX_POOL_SIZE);
    }
    return size;
  }
}
